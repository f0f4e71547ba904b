using System.ComponentModel;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Chat.Turns;

/// <summary>
/// The tools of Ask and Plan mode: they read, never write, and only inside the workspace folders. Failures go back to
/// the model as text it can act on, not as exceptions that would end the turn.
/// </summary>
public sealed class ReadOnlyTools(IChatEnvironment environment)
{
    private const int MaxToolResultChars = 40_000;

    public IList<AITool> All =>
    [
        AIFunctionFactory.Create(ReadFile, "read_file", "Reads a workspace file (optionally a range of 1-based lines)."),
        AIFunctionFactory.Create(ListDirectory, "list_directory", "Lists the files under a workspace folder (ignore rules applied)."),
        AIFunctionFactory.Create(SearchCodebaseAsync, "search_codebase", "Searches the workspace's code for a query (names, words or a description); returns the best matching snippets."),
        AIFunctionFactory.Create(ReadRule, "read_rule", "Reads the full text of a rule listed under 'Rules the model may read'."),
    ];

    private string ReadFile([Description("Workspace-relative or absolute path")] string path, [Description("First line, 1-based")] int? startLine = null, [Description("Last line, 1-based, inclusive")] int? endLine = null)
    {
        if (Resolve(path) is not { } full)
        {
            return $"Error: '{path}' is outside the workspace.";
        }

        try
        {
            var text = environment.ReadFile(full);
            if (startLine is not null || endLine is not null)
            {
                var lines = text.Split('\n');
                var first = Math.Clamp((startLine ?? 1) - 1, 0, Math.Max(0, lines.Length - 1));
                var last = Math.Clamp((endLine ?? lines.Length) - 1, first, lines.Length - 1);
                text = string.Join('\n', lines[first..(last + 1)]);
            }

            return Bounded(text);
        }
        catch (ChatRequestException ex)
        {
            return "Error: " + ex.Message;
        }
    }

    private string ListDirectory([Description("Workspace-relative or absolute folder; empty for the workspace root")] string path = "")
    {
        if (Resolve(path) is not { } full)
        {
            return $"Error: '{path}' is outside the workspace.";
        }

        var entries = environment.ListFolder(full, 500);
        return entries.Count == 0 ? "(no files)" : Bounded(string.Join('\n', entries));
    }

    private async Task<string> SearchCodebaseAsync([Description("What to look for")] string query, CancellationToken cancellationToken) =>
        Bounded(await environment.SearchCodebaseAsync(query, MaxToolResultChars, cancellationToken).ConfigureAwait(false));

    private string ReadRule([Description("The rule's name")] string name) =>
        environment.ReadRule(name) is { } body ? Bounded(body) : $"Error: there is no rule named '{name}'.";

    private string? Resolve(string path)
    {
        var roots = environment.WorkspaceRoots;
        if (roots.Count == 0)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(roots[0], path));
        return roots.Any(root => DocumentUris.IsUnder(full, Path.GetFullPath(root))) ? full : null;
    }


    private static string Bounded(string text) =>
        text.Length <= MaxToolResultChars ? text : text[..MaxToolResultChars] + $"\n[… cut at {MaxToolResultChars} characters]";
}
