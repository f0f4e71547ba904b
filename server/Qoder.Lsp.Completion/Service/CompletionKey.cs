namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// A completion's spot as the prompt sees it: the cursor windows, compared in full (no hash collisions can show a
/// wrong suggestion). Windows cover every prompt window, so equal keys mean equal prompts.
/// </summary>
internal readonly struct CompletionKey(string uri, CursorWindow spot) : IEquatable<CompletionKey>
{
    private readonly CursorWindow _spot = spot;

    public string Uri { get; } = uri;

    public static CompletionKey Of(string uri, CursorWindow spot) => new(uri, spot);

    public bool Equals(CompletionKey other) => string.Equals(Uri, other.Uri, StringComparison.Ordinal) && _spot.SameWindowsAs(other._spot);

    public override bool Equals(object? obj) => obj is CompletionKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Uri, _spot.WindowHash);
}
