namespace Qoder.Lsp.Context.Commands;

/// <summary>
/// A slash command. <see cref="Name"/> is what follows the slash, derived from the file path (<c>git/commit.md</c> →
/// <c>git:commit</c>); the frontmatter <c>name</c> is only the <see cref="Label"/>. When user and project commands share
/// a name both are listed with <see cref="HasSameNameInOtherScope"/> (the scope indicator of the docs) and the one that
/// loses is <see cref="IsOverridden"/>.
/// </summary>
public sealed record CommandInfo(string Name, string Description, CommandScope Scope, string? SourcePath)
{
    public bool IsBuiltin => Scope == CommandScope.Builtin;

    /// <summary>The frontmatter <c>name</c> (display only); defaults to <see cref="Name"/>.</summary>
    public string Label { get; init; } = "";

    /// <summary>Another command of the same name takes precedence, so invoking <c>/name</c> runs that one.</summary>
    public bool IsOverridden { get; init; }

    /// <summary>A command of the same name exists in another scope; clients show the scope next to the name.</summary>
    public bool HasSameNameInOtherScope { get; init; }

    /// <summary>Something the author should fix that does not stop the command from working (e.g. no description).</summary>
    public string? Warning { get; init; }
}
