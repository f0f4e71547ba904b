using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Completion.Context;

/// <summary>
/// The per-snapshot work of ranking, done once: each window's token set (built on first use, since a request only
/// scans part of a large file) and whether the file is secret. Racing requests may build the same window twice,
/// which is harmless because the result is the same.
/// </summary>
internal sealed class TokenisedDocument
{
    private readonly TextDocument _document;
    private readonly int _windowLines;
    private readonly int _windowStep;
    private readonly int[]?[] _windows;
    private int _secret = -1;

    public TokenisedDocument(TextDocument document, int windowLines, int windowStep)
    {
        _document = document;
        _windowLines = windowLines;
        _windowStep = windowStep;
        WindowCount = CountWindows(document.LineCount, windowLines, windowStep);
        _windows = new int[]?[WindowCount];
    }

    public int WindowCount { get; }

    public int WindowLines => _windowLines;

    public int WindowStep => _windowStep;

    public bool IsSecret(string path)
    {
        var secret = Volatile.Read(ref _secret);
        if (secret < 0)
        {
            secret = SecretFiles.IsSecret(path, _document) ? 1 : 0;
            Volatile.Write(ref _secret, secret);
        }

        return secret == 1;
    }

    public int StartLine(int window) => window * _windowStep;

    /// <summary>Exclusive end line of a window; the last window stops at the end of the document.</summary>
    public int EndLine(int window) => Math.Min(StartLine(window) + _windowLines, _document.LineCount);

    public int[] Tokens(int window)
    {
        var tokens = Volatile.Read(ref _windows[window]);
        if (tokens is null)
        {
            var set = new HashSet<int>();
            var start = StartOffset(window);
            IdentifierTokens.AddTo(_document.GetText(start, EndOffset(window) - start), set);
            tokens = [.. set];
            Volatile.Write(ref _windows[window], tokens);
        }

        return tokens;
    }

    public int StartOffset(int window) => _document.OffsetOf(new LinePosition(StartLine(window), 0));

    public int EndOffset(int window)
    {
        var last = EndLine(window) - 1;
        return _document.OffsetOf(new LinePosition(last, 0)) + _document.GetLineLength(last);
    }

    // Windows start every `step` lines until one reaches the end, so the tail is covered without a redundant window.
    private static int CountWindows(int lineCount, int windowLines, int windowStep)
    {
        if (lineCount <= windowLines)
        {
            return 1;
        }

        return ((lineCount - windowLines + windowStep - 1) / windowStep) + 1;
    }
}
