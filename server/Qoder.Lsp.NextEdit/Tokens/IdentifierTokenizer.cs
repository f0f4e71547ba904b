namespace Qoder.Lsp.NextEdit.Tokens;

/// <summary>
/// A deliberately small, language-agnostic lexer: it finds identifier-like words and says whether each is in code,
/// a comment or a string. It knows <c>//</c> and <c>/* */</c> comments (C-like languages), <c>#</c> comments (script
/// languages), and <c>"</c>, <c>'</c> and <c>`</c> strings with backslash escapes, triple-quoted strings and C#
/// verbatim strings; identifiers in the holes of interpolated strings (<c>$"{x}"</c>, <c>`${x}`</c>, <c>f"{x}"</c>) are code. That is enough to keep a rename out of strings and comments in most languages without a parser
/// per language; where it guesses wrong, it errs towards "not code", so a suggestion is missed rather than wrong.
/// </summary>
public static class IdentifierTokenizer
{
    // Languages whose line comments start with '#', and which have no '//' comments.
    private static readonly HashSet<string> HashCommentLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "python", "shellscript", "bash", "sh", "zsh", "ruby", "perl", "r", "yaml", "toml", "makefile", "dockerfile",
        "powershell", "coffeescript", "elixir", "julia", "nim", "tcl", "cmake", "properties", "ini",
    };

    // Languages where a single quote is not a string delimiter (a lifetime, an apostrophe, a character in prose).
    private static readonly HashSet<string> NoSingleQuoteStringLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "rust", "markdown", "plaintext", "ocaml", "haskell", "lisp", "clojure", "scheme",
    };

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    public static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    /// <summary>True when <paramref name="text"/> is one whole identifier.</summary>
    public static bool IsIdentifier(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !IsIdentifierStart(text[0]))
        {
            return false;
        }

        foreach (var c in text.AsSpan(1))
        {
            if (!IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every identifier-like word of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<IdentifierToken> Tokenize(string text, string? languageId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<IdentifierToken>();
        Scan(text, languageId, tokens, comments: null);
        return tokens;
    }

    /// <summary>True when <paramref name="offset"/> lies inside a comment (a line comment up to its line break, a block comment up to its close).</summary>
    public static bool IsInComment(string text, int offset, string? languageId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var comments = new List<(int Start, int End)>();
        Scan(text[..Math.Min(text.Length, LineEnd(text, Math.Min(offset, text.Length)))], languageId, [], comments);
        return comments.Any(comment => comment.Start < offset && offset <= comment.End);
    }

    private static void Scan(string text, string? languageId, List<IdentifierToken> tokens, List<(int Start, int End)>? comments)
    {
        var hashComments = languageId is not null && HashCommentLanguages.Contains(languageId);
        var slashComments = !hashComments;
        var singleQuoteStrings = languageId is null || !NoSingleQuoteStringLanguages.Contains(languageId);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (slashComments && c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = Comment(text, i, LineEnd(text, i), tokens, comments);
            }
            else if (slashComments && c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = Comment(text, i, close < 0 ? text.Length : close, tokens, comments);
                i = Math.Min(text.Length, i + 2);
            }
            else if (hashComments && c == '#')
            {
                i = Comment(text, i, LineEnd(text, i), tokens, comments);
            }
            else if (c == '@' && i + 1 < text.Length && text[i + 1] == '"')
            {
                var end = VerbatimStringEnd(text, i + 2);
                i = StringWords(text, i, end, i > 0 && text[i - 1] == '$' ? "{" : null, tokens);
            }
            else if (c is '"' or '`' || (c == '\'' && singleQuoteStrings))
            {
                i = StringWords(text, i, StringEnd(text, i), InterpolationOpener(text, i), tokens);
            }
            else if (IsIdentifierStart(c))
            {
                var end = i + 1;
                while (end < text.Length && IsIdentifierPart(text[end]))
                {
                    end++;
                }

                tokens.Add(new IdentifierToken(i, end - i, TokenKind.Code));
                i = end;
            }
            else if (char.IsDigit(c))
            {
                // A number's letters (0x1F, 1e5, 10L) are not identifiers.
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }
        }

    }

    private static int Comment(string text, int start, int end, List<IdentifierToken> tokens, List<(int Start, int End)>? comments)
    {
        comments?.Add((start, end));
        return Words(text, start, end, TokenKind.Comment, tokens);
    }

    /// <summary>The token containing or touching <paramref name="offset"/>, preferring the one that starts there.</summary>
    public static IdentifierToken? TokenAt(IReadOnlyList<IdentifierToken> tokens, int offset)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        IdentifierToken? touching = null;
        foreach (var token in tokens)
        {
            if (token.Start > offset)
            {
                break;
            }

            if (offset < token.End)
            {
                return token;
            }

            if (offset == token.End)
            {
                touching = token;
            }
        }

        return touching;
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    /// <summary>
    /// The offset just past the string literal opening at <paramref name="open"/>: its closing quote, the next run of
    /// three for <c>"""</c> or <c>```</c>, or the line break that ends an unterminated '…' or "…".
    /// </summary>
    internal static int StringEnd(string text, int open)
    {
        var quote = text[open];
        if (quote != '\'' && open + 2 < text.Length && text[open + 1] == quote && text[open + 2] == quote)
        {
            // """ or ``` (Python, C# raw strings, Markdown fences): ends at the next run of three.
            var close = text.IndexOf(new string(quote, 3), open + 3, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + 3;
        }

        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == quote)
            {
                return i + 1;
            }
            else if (c == '\n' && quote != '`')
            {
                // An unterminated '…' or "…" ends at the line break, so one stray quote cannot swallow the file.
                return i;
            }
        }

        return text.Length;
    }

    private static int VerbatimStringEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return text.Length;
    }

    /// <summary>
    /// What opens an embedded expression in the string starting at <paramref name="quote"/>: <c>${</c> in a JavaScript
    /// template, <c>{</c> in a C# <c>$"…"</c> or a Python f-string; null for a plain string.
    /// </summary>
    private static string? InterpolationOpener(string text, int quote)
    {
        if (text[quote] == '`')
        {
            return "${";
        }

        var prefix = quote > 0 ? text[quote - 1] : '\0';
        var beforePrefix = quote > 1 ? text[quote - 2] : '\0';
        return prefix == '$' || (prefix is 'f' or 'F' && !IsIdentifierPart(beforePrefix)) || (prefix is 'r' or 'R' && beforePrefix is 'f' or 'F') ? "{" : null;
    }

    /// <summary>A string's words, except that identifiers inside its embedded expressions are code.</summary>
    private static int StringWords(string text, int start, int end, string? opener, List<IdentifierToken> tokens)
    {
        if (opener is null)
        {
            return Words(text, start, end, TokenKind.String, tokens);
        }

        var from = start;
        var i = start + 1;
        while (i < end)
        {
            if (string.CompareOrdinal(text, i, opener, 0, opener.Length) != 0)
            {
                i++;
                continue;
            }

            if (opener == "{" && i + 1 < end && text[i + 1] == '{')
            {
                // {{ is a literal brace.
                i += 2;
                continue;
            }

            Words(text, from, i, TokenKind.String, tokens);
            var depth = 1;
            var expressionStart = i + opener.Length;
            var close = expressionStart;
            while (close < end && depth > 0)
            {
                depth += text[close] switch { '{' => 1, '}' => -1, _ => 0 };
                close++;
            }

            var expressionEnd = depth == 0 ? close - 1 : close;
            foreach (var token in Tokenize(text[expressionStart..expressionEnd], languageId: null))
            {
                tokens.Add(token with { Start = token.Start + expressionStart, Kind = token.Kind });
            }

            from = i = close;
        }

        return Words(text, from, end, TokenKind.String, tokens);
    }

    private static int Words(string text, int start, int end, TokenKind kind, List<IdentifierToken> tokens)
    {
        var i = start;
        while (i < end)
        {
            if (IsIdentifierStart(text[i]) && (i == start || !IsIdentifierPart(text[i - 1])))
            {
                var wordEnd = i + 1;
                while (wordEnd < end && IsIdentifierPart(text[wordEnd]))
                {
                    wordEnd++;
                }

                tokens.Add(new IdentifierToken(i, wordEnd - i, kind));
                i = wordEnd;
            }
            else
            {
                i++;
            }
        }

        return end;
    }
}
