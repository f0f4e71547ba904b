namespace Qoder.Lsp.Protocol;

/// <summary>One slash command, for the client's <c>/</c> completion and a commands settings page.</summary>
public sealed record CommandListItem
{
    /// <summary>What follows the slash: <c>compact</c>, <c>git:commit</c> (from <c>git/commit.md</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The frontmatter <c>name</c>, for display only; defaults to <see cref="Name"/>.</summary>
    public required string Label { get; init; }

    public required string Description { get; init; }

    /// <summary><c>builtin</c>, <c>project</c> or <c>user</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The command's Markdown file; absent for built-ins.</summary>
    public string? SourcePath { get; init; }

    /// <summary>True for <c>/plan</c>, <c>/compact</c>, <c>/init</c>, <c>/memory</c>, which the chat executes itself.</summary>
    public bool Builtin { get; init; }

    /// <summary>Another command of the same name wins (project over user), so <c>/name</c> does not run this one.</summary>
    public bool Overridden { get; init; }

    /// <summary>A command of the same name exists in another scope: show <see cref="Scope"/> next to the name.</summary>
    public bool ShowScope { get; init; }

    /// <summary>Something to fix that does not stop the command from working, e.g. a missing description.</summary>
    public string? Warning { get; init; }
}
