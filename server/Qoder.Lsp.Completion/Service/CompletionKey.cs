namespace Qoder.Lsp.Completion.Service;

/// <summary>Lengths plus 64-bit FNV-1a hashes: collisions would show a wrong suggestion, so 32-bit string hashes are not enough.</summary>
internal readonly record struct CompletionKey(string Uri, int PrefixLength, ulong PrefixHash, int SuffixLength, ulong SuffixHash)
{
    public static CompletionKey Of(string uri, string prefix, string suffix) =>
        new(uri, prefix.Length, Hash(prefix), suffix.Length, Hash(suffix));

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
