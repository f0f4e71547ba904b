namespace Qoder.Lsp.Completion.Service;

internal sealed record IssuedSuggestion(string Uri, string Prefix, string Suffix, string Text)
{
    public int AcceptedLength { get; set; }
}
