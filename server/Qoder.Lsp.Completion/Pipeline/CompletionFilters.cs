namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The post-processing filters, each small and tested on its own. They take the model's text and what surrounds the
/// cursor and return the text to insert; <see cref="CompletionPipeline.PostProcess"/> runs them in order.
/// </summary>
internal static class CompletionFilters
{
    private const int MinOverlapOfCode = 6;

    /// <summary>Cuts at the first stop token, for servers that ignored <c>stop</c> and callers that skipped <c>StopEarly</c>.</summary>
    public static string CutAtStopTokens(string completion, IReadOnlyList<string> stops)
    {
        var cut = completion.Length;
        foreach (var stop in stops)
        {
            var index = completion.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && index < cut)
            {
                cut = index;
            }
        }

        return completion[..cut];
    }

    /// <summary>Single-line mode keeps text up to the end of the first line with content (leading line breaks stay: they mean "on the next line").</summary>
    public static string KeepFirstLine(string completion)
    {
        var start = 0;
        while (true)
        {
            var newline = completion.IndexOf('\n', start);
            if (newline < 0)
            {
                return completion;
            }

            if (!string.IsNullOrWhiteSpace(completion[start..newline]))
            {
                return completion[..newline].TrimEnd('\r');
            }

            start = newline + 1;
        }
    }

    public static string TrimTrailingWhitespace(string completion)
    {
        var lines = TextLines.Split(completion);
        return string.Join('\n', lines.Select(line => line.TrimEnd(' ', '\t', '\r'))).TrimEnd();
    }

    /// <summary>
    /// Removes the end of the completion that repeats the start of the suffix: the ")" or ";" the editor already
    /// auto-closed, or the rest of the line. Only safe overlaps count: closing punctuation, a whole rest-of-line, or a
    /// long run; otherwise "a + b" before a suffix "b..." would lose its "b".
    /// </summary>
    public static string RemoveSuffixOverlap(string completion, string suffix)
    {
        var max = Math.Min(completion.Length, suffix.Length);
        for (var k = max; k >= 1; k--)
        {
            var overlap = suffix.AsSpan(0, k);
            if (!completion.AsSpan().EndsWith(overlap, StringComparison.Ordinal))
            {
                continue;
            }

            var wholeLine = k == suffix.Length || suffix[k] is '\n' or '\r';
            var closingOnly = TextLines.IsClosingOnly(overlap.ToString().Trim()) && overlap.Trim().Length > 0;
            if (closingOnly || wholeLine || k >= MinOverlapOfCode)
            {
                return completion[..^k];
            }
        }

        return completion;
    }

    /// <summary>
    /// How many characters right of the cursor an item replaces: the closers the editor auto-closed. When the rest of
    /// the cursor's line is only closers (<c>foo($0)</c>, <c>"$0"</c>, <c>[$0]);</c>) and the completion ends with the
    /// first k of them, and the completion does not open those brackets or quotes itself (so they are the auto-closed
    /// ones), the item keeps them and replaces those k characters: accepting does not duplicate them, and the editor
    /// shows the ghost text around them. Anything else replaces nothing (0).
    /// </summary>
    public static int AutoClosedOverlap(string completion, string suffix)
    {
        var closers = AutoClosers(suffix);
        for (var k = closers.Length; k >= 1; k--)
        {
            var overlap = closers.AsSpan(0, k);
            if (overlap[^1] != ' ' && completion.AsSpan().EndsWith(overlap, StringComparison.Ordinal) && ClosesOnlyOutsideItself(completion, overlap))
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>The rest of the cursor's line when it is only closers (the editor's auto-closed brackets and quotes), else empty.</summary>
    public static string AutoClosers(string suffix)
    {
        var rest = TextLines.CurrentLineSuffix(suffix).TrimEnd();
        return TextLines.IsClosingOnly(rest) ? rest : string.Empty;
    }

    // Each bracket of the overlap must be an excess closer of the completion, each quote must leave the completion's own quotes unpaired.
    private static bool ClosesOnlyOutsideItself(string completion, ReadOnlySpan<char> overlap)
    {
        foreach (var (open, close) in (ReadOnlySpan<(char, char)>)[('(', ')'), ('[', ']'), ('{', '}')])
        {
            var needed = overlap.Count(close);
            if (needed > 0 && completion.Count(c => c == close) - completion.Count(c => c == open) < needed)
            {
                return false;
            }
        }

        foreach (var quote in (ReadOnlySpan<char>)['"', '\'', '`'])
        {
            if (overlap.Contains(quote) && completion.Count(c => c == quote) % 2 == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Drops the completion's last lines when the lines after the cursor already are exactly those lines (the model
    /// closed the block the suffix closes). Lines are compared with their indentation so a completion's own "    }"
    /// is not taken for the enclosing block's "}". The first line is never dropped: it is on the cursor's line.
    /// </summary>
    public static string RemoveDuplicatedClosingLines(string completion, string suffix)
    {
        var lines = TextLines.Split(completion);
        if (lines.Length < 2)
        {
            return completion;
        }

        var after = TextLines.LinesAfterCursorLine(suffix).Take(lines.Length).Select(line => line.TrimEnd()).ToList();
        for (var m = Math.Min(lines.Length - 1, after.Count); m >= 1; m--)
        {
            var tail = lines[^m..].Select(line => line.TrimEnd());
            if (tail.SequenceEqual(after.Take(m)))
            {
                return string.Join('\n', lines[..^m]).TrimEnd();
            }
        }

        return completion;
    }

    /// <summary>
    /// Repetition is a model stuck in a loop: a run of three or more identical lines keeps its first line only, and a
    /// one-line completion that just retypes the line above the cursor is no suggestion at all (null).
    /// </summary>
    public static string? DropRepetition(string completion, string prefix)
    {
        var lines = TextLines.Split(completion);
        for (var i = 0; i + 2 < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]) && lines[i] == lines[i + 1] && lines[i] == lines[i + 2])
            {
                completion = string.Join('\n', lines[..(i + 1)]);
                lines = lines[..(i + 1)];
                break;
            }
        }

        if (lines.Length == 1)
        {
            var typed = (TextLines.CurrentLinePrefix(prefix) + completion).Trim();
            var above = TextLines.LinesBeforeCursorLine(prefix).FirstOrDefault()?.Trim();
            if (typed.Length > 0 && typed == above)
            {
                return null;
            }
        }

        return completion;
    }

    /// <summary>
    /// Makes indentation match the file: tabs or spaces as the surrounding code uses them, and no indentation on the
    /// first line when the cursor already sits after the line's indentation (the model often repeats it).
    /// </summary>
    public static string NormalizeIndentation(string completion, string prefix, string suffix)
    {
        var (useTabs, unit) = DetectIndentStyle(prefix, suffix);
        var lines = TextLines.Split(completion);
        var before = TextLines.CurrentLinePrefix(prefix);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == 0 && before.Length > 0)
            {
                lines[0] = string.IsNullOrWhiteSpace(before) ? lines[0].TrimStart(' ', '\t') : lines[0];
                continue;
            }

            var indent = TextLines.Indentation(lines[i]);
            if (useTabs && indent.Contains(' ', StringComparison.Ordinal))
            {
                var width = indent.Sum(c => c == '\t' ? unit : 1);
                lines[i] = new string('\t', width / unit) + new string(' ', width % unit) + lines[i][indent.Length..];
            }
            else if (!useTabs && indent.Contains('\t', StringComparison.Ordinal))
            {
                lines[i] = indent.Replace("\t", new string(' ', unit), StringComparison.Ordinal) + lines[i][indent.Length..];
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>Nothing, whitespace, or a single character is noise, except a lone bracket that closes one the prefix left open.</summary>
    public static bool IsTooShort(string completion, string prefix)
    {
        var trimmed = completion.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Count(c => !char.IsWhiteSpace(c)) >= 2)
        {
            return false;
        }

        var (open, close) = trimmed[0] switch
        {
            ')' => ('(', ')'),
            ']' => ('[', ']'),
            '}' => ('{', '}'),
            _ => ('\0', '\0'),
        };
        return open == '\0' || prefix.Count(c => c == open) <= prefix.Count(c => c == close);
    }

    internal static (bool UseTabs, int Unit) DetectIndentStyle(string prefix, string suffix)
    {
        var tabs = 0;
        var spaces = 0;
        var unit = int.MaxValue;
        Tally(prefix);
        Tally(suffix);
        return (tabs > spaces, unit is >= 2 and <= 8 ? unit : 4);

        // Walks the lines in place: the windows hold thousands of lines, and this runs once per completion.
        void Tally(string text)
        {
            for (var start = 0; start <= text.Length;)
            {
                var end = text.IndexOf('\n', start);
                var line = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
                if (line.StartsWith('\t'))
                {
                    tabs++;
                }
                else if (line.StartsWith(' ') && !line.IsWhiteSpace())
                {
                    spaces++;
                    var width = line.Length - line.TrimStart(" \t").Length;
                    // Lines of a block comment (" * text") are indented by one space and say nothing about the unit.
                    if (width >= 2)
                    {
                        unit = Math.Min(unit, width);
                    }
                }

                if (end < 0)
                {
                    break;
                }

                start = end + 1;
            }
        }
    }
}
