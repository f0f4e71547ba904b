namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// A completion's spot as the prompt sees it: the cursor windows, compared in full (no hash collisions can show a
/// wrong suggestion). Windows cover every prompt window, so equal keys mean equal prompts.
/// </summary>
internal readonly record struct CompletionKey(string Uri, string PrefixTail, string SuffixHead)
{
    public static CompletionKey Of(string uri, CursorWindow spot) => new(uri, spot.PrefixTail, spot.SuffixHead);
}
