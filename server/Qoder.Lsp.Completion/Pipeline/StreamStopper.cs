using System.Runtime.CompilerServices;
using System.Text;

namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The streaming half of clean-up: passes complete lines through until the completion is done, then stops pulling
/// from the upstream stream. Leaving the <c>await foreach</c> disposes the upstream enumerator, which is how the
/// caller's HTTP response gets closed and the model stops spending tokens on text we would throw away.
/// Lines are released whole because every rule below judges a whole line; ghost text is shown once complete anyway.
/// </summary>
internal static class StreamStopper
{
    private enum Verdict
    {
        Accept,
        AcceptAndStop,
        Stop,
    }

    public static async IAsyncEnumerable<string> StopEarly(
        IAsyncEnumerable<string> stream, CompletionPrompt prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var gate = new LineGate(prompt);
        var pending = new StringBuilder();
        await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            pending.Append(chunk);
            var text = pending.ToString();
            var stop = IndexOfStop(text, prompt.Request.Stop);
            var finished = stop >= 0;
            if (finished)
            {
                text = text[..stop];
            }

            int newline;
            while ((newline = text.IndexOf('\n', StringComparison.Ordinal)) >= 0)
            {
                var line = text[..newline].TrimEnd('\r');
                text = text[(newline + 1)..];
                var verdict = gate.Judge(line);
                if (verdict == Verdict.Stop)
                {
                    yield break;
                }

                yield return verdict == Verdict.Accept ? line + "\n" : line;
                if (verdict == Verdict.AcceptAndStop)
                {
                    yield break;
                }
            }

            if (finished)
            {
                if (text.Length > 0 && gate.Judge(text) != Verdict.Stop)
                {
                    yield return text;
                }

                yield break;
            }

            pending.Clear().Append(text);
        }

        if (pending.Length > 0 && gate.Judge(pending.ToString()) != Verdict.Stop)
        {
            yield return pending.ToString();
        }
    }

    private static int IndexOfStop(string text, IReadOnlyList<string> stops)
    {
        var first = -1;
        foreach (var stop in stops)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }

        return first;
    }

    /// <summary>Judges each completed line in order; holds the little state the block rules need.</summary>
    private sealed class LineGate
    {
        private readonly bool _multiline;
        private readonly int _blockIndent;
        private readonly bool _openedOnCursorLine;
        private readonly string? _suffixNextLine;
        private readonly List<string> _lines = [];

        public LineGate(CompletionPrompt prompt)
        {
            _multiline = prompt.Multiline;
            var before = TextLines.CurrentLinePrefix(prompt.Prefix);
            // The prompt does not carry the language, so a trailing ':' counts as an opener everywhere; in C-like
            // languages that only makes "case x:" bodies end at the next case, which is right too.
            var languageAgnosticOpener = (string line) => MultilineDecision.EndsWithBlockOpener(line.TrimEnd(), "python");
            if (!string.IsNullOrWhiteSpace(before))
            {
                // The cursor follows code on its line ("if (x) {"): the body is deeper, a line back at this indentation ends it.
                _blockIndent = TextLines.IndentWidth(before);
                _openedOnCursorLine = languageAgnosticOpener(before);
            }
            else if (before.Length > 0)
            {
                _blockIndent = TextLines.IndentWidth(before);
            }
            else
            {
                var previous = TextLines.LinesBeforeCursorLine(prompt.Prefix).FirstOrDefault();
                _blockIndent = previous is null ? 0 : TextLines.IndentWidth(previous);
                _openedOnCursorLine = previous is not null && languageAgnosticOpener(previous);
            }

            // Compared with its indentation: a "    }" closing a block the completion opened is not the "}" of the enclosing block.
            _suffixNextLine = TextLines.LinesAfterCursorLine(prompt.Suffix).FirstOrDefault()?.TrimEnd();
        }

        public Verdict Judge(string line)
        {
            _lines.Add(line);
            var hasContent = !string.IsNullOrWhiteSpace(line);
            if (!_multiline)
            {
                if (hasContent)
                {
                    return Verdict.AcceptAndStop;
                }

                return Verdict.Accept;
            }

            if (_lines.Count == 1 || !hasContent)
            {
                return Verdict.Accept;
            }

            var trimmed = line.Trim();
            if (line.TrimEnd() == _suffixNextLine)
            {
                return Verdict.Stop;
            }

            if (_lines.Count >= 3 && _lines[^2] == line && _lines[^3] == line)
            {
                return Verdict.Stop;
            }

            var indent = TextLines.IndentWidth(line);
            if (indent < _blockIndent)
            {
                return Verdict.Stop;
            }

            if (_openedOnCursorLine && indent == _blockIndent)
            {
                return trimmed[0] is ')' or ']' or '}' ? Verdict.AcceptAndStop : Verdict.Stop;
            }

            return Verdict.Accept;
        }
    }
}
