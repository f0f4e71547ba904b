using System.Runtime.CompilerServices;
using System.Text;
using Qoder.Lsp.Core.Text;

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
        private static readonly HashSet<string> ControlKeywords = new(StringComparer.Ordinal)
        {
            "if", "else", "elif", "for", "foreach", "while", "do", "switch", "match", "try", "catch", "except", "finally",
            "using", "lock", "with", "case", "default", "return", "loop", "unsafe", "fixed", "checked", "unchecked", "await", "yield", "select",
        };

        private static readonly HashSet<string> DeclarationKeywords = new(StringComparer.Ordinal)
        {
            "def", "function", "func", "fn", "fun", "sub", "class", "struct", "interface", "enum", "record", "impl", "trait", "namespace", "module", "object",
        };

        // Lines at a block's own level that continue its statement rather than end it ("else:" after an "if x:" body).
        private static readonly string[] ContinuationKeywords = ["else", "elif", "except", "finally", "catch"];

        private readonly bool _multiline;
        private readonly CompletionLength _maxLength;
        private readonly int _blockIndent;
        private readonly bool _openedOnCursorLine;
        private readonly bool _firstLineHasOwnIndent;
        private readonly string? _suffixNextLine;
        private readonly List<string> _lines = [];
        private int _depth;
        private bool _blockOpenAtBase;
        private bool _openedDeclaration;
        private string? _previousContent;

        public LineGate(CompletionPrompt prompt)
        {
            _multiline = prompt.Multiline;
            _maxLength = prompt.MaxLength;
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
                _firstLineHasOwnIndent = true;
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

            if (!hasContent)
            {
                return Verdict.Accept;
            }

            var verdict = _lines.Count == 1 ? JudgeFirst(line) : JudgeNext(line);
            if (verdict != Verdict.Stop)
            {
                _depth += BracketBalance(line);
                _previousContent = line.Trim();
            }

            return verdict;
        }

        // The first line is on the cursor's line and always kept; it may open the block the length rules follow.
        private Verdict JudgeFirst(string line)
        {
            var indent = _firstLineHasOwnIndent ? TextLines.IndentWidth(line) : _blockIndent;
            TrackOpener(line.Trim(), indent);
            return Verdict.Accept;
        }

        private Verdict JudgeNext(string line)
        {
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

            var startsWithCloser = trimmed[0] is ')' or ']' or '}';
            if (_openedOnCursorLine)
            {
                // The completion fills the block opened before it; its closer at the opener's indentation ends it.
                if (indent == _blockIndent)
                {
                    return startsWithCloser ? Verdict.AcceptAndStop : Verdict.Stop;
                }

                return Verdict.Accept;
            }

            // A closer of a bracket the completion did not open belongs to the enclosing block (whatever its indentation).
            if (startsWithCloser && _depth <= 0)
            {
                return Verdict.Stop;
            }

            if (_blockOpenAtBase && indent == _blockIndent)
            {
                if (startsWithCloser)
                {
                    if (OpensBlock(trimmed))
                    {
                        return Verdict.Accept; // "} else {": the same statement goes on.
                    }

                    if (EndsAtOpenedBlock)
                    {
                        return Verdict.AcceptAndStop;
                    }

                    _blockOpenAtBase = false;
                    return Verdict.Accept;
                }

                if (ContinuationKeywords.Any(keyword => StartsWithWord(trimmed, keyword)))
                {
                    return Verdict.Accept;
                }

                // Back at the block's level without a closer (indentation languages): the block ended on the line before.
                if (EndsAtOpenedBlock)
                {
                    return Verdict.Stop;
                }

                _blockOpenAtBase = false;
            }

            TrackOpener(trimmed, indent);
            return Verdict.Accept;
        }

        /// <summary>
        /// Whether the block the completion opened at its own level is where it ends: always for <c>block</c>; for
        /// <c>function</c>, when that block is a function or type the completion writes (the next one is another suggestion).
        /// </summary>
        private bool EndsAtOpenedBlock => _maxLength == CompletionLength.Block || _openedDeclaration;

        private void TrackOpener(string trimmed, int indent)
        {
            if (_openedOnCursorLine || _blockOpenAtBase || indent != _blockIndent || !OpensBlock(trimmed))
            {
                return;
            }

            _blockOpenAtBase = true;
            // Allman style puts "{" alone under the header.
            _openedDeclaration = LooksLikeDeclaration(trimmed == "{" ? _previousContent ?? string.Empty : trimmed);
        }

        private static bool OpensBlock(string trimmed) => trimmed.EndsWith('{') || trimmed.EndsWith(':');

        private static bool LooksLikeDeclaration(string trimmed)
        {
            var words = trimmed.Split([' ', '\t', '(', ')', '<', '>', ':', '{', '=', ',', '*', '&'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || ControlKeywords.Contains(words[0]) || words[0].StartsWith('}'))
            {
                return false;
            }

            if (words.Take(6).Any(DeclarationKeywords.Contains) || trimmed.Contains("=>", StringComparison.Ordinal))
            {
                return true;
            }

            // "public int Sum(int a, int b) {", "sum(a, b) {": a header with parameters, not an assignment or a call.
            var paren = trimmed.IndexOf('(', StringComparison.Ordinal);
            return paren > 0 && !trimmed.AsSpan(0, paren).Contains('=');
        }

        private static bool StartsWithWord(string trimmed, string word) =>
            trimmed.StartsWith(word, StringComparison.Ordinal) && (trimmed.Length == word.Length || !char.IsLetterOrDigit(trimmed[word.Length]));

        /// <summary>Opening minus closing brackets outside string literals and line comments; good enough to tell whose closer a line starts with.</summary>
        private static int BracketBalance(string line)
        {
            var balance = 0;
            foreach (var c in new CodeCharacters(line))
            {
                switch (c)
                {
                    case '(' or '[' or '{':
                        balance++;
                        break;
                    case ')' or ']' or '}':
                        balance--;
                        break;
                }
            }

            return balance;
        }
    }
}
