using System.Text;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// <c>@path/to/file</c> imports in AGENTS.md (en-cli-memory.md): relative to the importing file, absolute or
/// <c>~/</c>; ignored inside inline code and fenced blocks; a token that names no existing file is plain text (mentions,
/// npm scopes); files outside the boundary (the project, or the home folder for the user's AGENTS.md) are not read;
/// expanded recursively to a fixed depth, each file once. Imported files are appended after the importing text.
/// </summary>
internal static partial class AgentsImports
{
    public const int MaxDepth = 5;

    public static string Expand(string path, string text, string boundary, string? home, Func<string, InstructionFile?> load, List<string> notes)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { path };
        return Expand(path, text, boundary, home, load, notes, visited, depth: 1);
    }

    private static string Expand(string path, string text, string boundary, string? home, Func<string, InstructionFile?> load, List<string> notes, HashSet<string> visited, int depth)
    {
        StringBuilder? imported = null;
        foreach (var token in ImportTokens(text))
        {
            if (Resolve(token, path, home) is not { } target || visited.Contains(target))
            {
                continue;
            }

            if (load(target) is not { } file)
            {
                // Not a file: an @mention or a package name, left as text.
                continue;
            }

            visited.Add(target);
            if (!IsWithin(target, boundary))
            {
                notes.Add($"{path} imports {target}, which is outside {boundary}; the import was not read.");
                continue;
            }

            if (file.Problem is { } problem)
            {
                notes.Add(problem);
                continue;
            }

            if (depth >= MaxDepth)
            {
                notes.Add($"{path} imports {target} deeper than {MaxDepth} levels; the import was not read.");
                continue;
            }

            var body = Expand(target, file.Text, boundary, home, load, notes, visited, depth + 1);
            (imported ??= new StringBuilder()).Append("\n\nImported from @").Append(token).Append(" (").Append(target).Append("):\n\n").Append(body);
        }

        return imported is null ? text : text + imported;
    }

    /// <summary>The <c>@…</c> tokens outside fenced code blocks and inline code spans, in order, each once.</summary>
    internal static IReadOnlyList<string> ImportTokens(string text)
    {
        var tokens = new List<string>();
        string? fence = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                fence = fence is null ? marker : fence == marker ? null : fence;
                continue;
            }

            if (fence is not null)
            {
                continue;
            }

            foreach (Match match in ImportToken().Matches(InlineCode().Replace(line, " ")))
            {
                var token = match.Groups["path"].Value.TrimEnd('.', ',', ';', ':', ')', '!', '?');
                if (token.Length > 0 && !tokens.Contains(token))
                {
                    tokens.Add(token);
                }
            }
        }

        return tokens;
    }

    private static string? Resolve(string token, string importingFile, string? home)
    {
        try
        {
            if (token.StartsWith("~/", StringComparison.Ordinal))
            {
                return home is null ? null : Path.GetFullPath(Path.Combine(home, token[2..]));
            }

            return Path.IsPathRooted(token)
                ? Path.GetFullPath(token)
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importingFile) ?? "", token));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsWithin(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    [GeneratedRegex(@"(?<![\w@`/])@(?<path>(?:~/|/|\.{1,2}/)?[\w.\-]+(?:/[\w.\-]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex ImportToken();

    [GeneratedRegex("`+[^`]*`+", RegexOptions.CultureInvariant)]
    private static partial Regex InlineCode();
}
