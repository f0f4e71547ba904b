using System.Text;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Chat.Replies;

/// <summary>
/// Finds the fenced code blocks of a Markdown reply. The target file comes from the fence line, in the forms models
/// write when asked (<c>```csharp path=src/App.cs</c>) or by habit (<c>```csharp:src/App.cs</c>, <c>```src/App.cs</c>).
/// </summary>
public static partial class CodeBlockParser
{
    public static IReadOnlyList<CodeBlock> Parse(string reply)
    {
        var blocks = new List<CodeBlock>();
        string? fence = null;
        string? language = null;
        string? path = null;
        var code = new StringBuilder();
        foreach (var line in reply.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (fence is null)
            {
                var open = Opening().Match(trimmed);
                if (open.Success)
                {
                    fence = open.Groups["fence"].Value;
                    (language, path) = Target(open.Groups["info"].Value.Trim());
                    code.Clear();
                }
            }
            else if (trimmed.TrimStart().StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().Trim(fence[0]).Length == 0)
            {
                blocks.Add(new CodeBlock(blocks.Count, language, path, code.ToString()));
                fence = null;
            }
            else
            {
                code.Append(trimmed).Append('\n');
            }
        }

        return blocks;
    }

    private static (string? Language, string? Path) Target(string info)
    {
        if (info.Length == 0)
        {
            return (null, null);
        }

        var path = PathAttribute().Match(info) is { Success: true } attribute ? attribute.Groups["path"].Value : null;
        var word = info.Split([' ', '\t'], 2)[0];
        if (path is null && word.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            return (word[..colon], word[(colon + 1)..]);
        }

        if (path is null && (word.Contains('/', StringComparison.Ordinal) || word.Contains('.', StringComparison.Ordinal)))
        {
            return (Context.FenceLanguages.FromPath(word), word);
        }

        return (word.StartsWith("path=", StringComparison.Ordinal) ? null : word, path);
    }

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Opening();

    [GeneratedRegex(@"(?:^|\s)(?:path|file|filename)=(?:""(?<path>[^""]+)""|'(?<path>[^']+)'|(?<path>\S+))", RegexOptions.CultureInvariant)]
    private static partial Regex PathAttribute();
}
