using System.Text;
using System.Text.RegularExpressions;

namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// A gitignore-style path pattern, as the docs specify for rule <c>glob</c>/<c>paths</c>: <c>*.md</c> (no slash)
/// matches the name at any depth, <c>/*.md</c> only at the root, <c>src/components/*.tsx</c> (a slash inside)
/// is anchored at the root, <c>**</c> spans directories, and a pattern naming a directory matches everything under it.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    public string Text { get; }

    /// <summary>The pattern, or null (with <paramref name="problem"/>) when it is empty or cannot be compiled.</summary>
    public static GlobPattern? TryCreate(string text, out string? problem)
    {
        var pattern = text.Trim().Replace('\\', '/');
        if (pattern.Length == 0 || pattern == "/")
        {
            problem = "an empty glob";
            return null;
        }

        try
        {
            problem = null;
            return new GlobPattern(text, new Regex(ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
        }
        catch (ArgumentException)
        {
            problem = $"the glob '{text}' is not a valid pattern";
            return null;
        }
    }

    /// <summary>Matches a path relative to the pattern's base directory, with <c>/</c> separators.</summary>
    public bool IsMatch(string relativePath)
    {
        try
        {
            return _regex.IsMatch(relativePath);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string ToRegex(string pattern)
    {
        var anchored = pattern.StartsWith('/');
        pattern = pattern.TrimStart('/');
        pattern = pattern.TrimEnd('/');
        // gitignore: a slash at the start or in the middle anchors the pattern at the base directory.
        anchored |= pattern.Contains('/', StringComparison.Ordinal);
        if (pattern.StartsWith("**/", StringComparison.Ordinal))
        {
            anchored = true;
        }

        var regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var atSegmentStart = i == 0 || pattern[i - 1] == '/';
                var followedBySlash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                if (atSegmentStart && followedBySlash)
                {
                    regex.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    regex.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var close && close > i + 1)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A pattern that names a directory also matches every file under it.
        regex.Append("(?:/.*)?$");
        return regex.ToString();
    }
}
