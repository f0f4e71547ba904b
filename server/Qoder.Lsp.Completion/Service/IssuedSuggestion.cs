namespace Qoder.Lsp.Completion.Service;

/// <summary>A suggestion sent to the client, remembered until it reports it shown or accepted; <paramref name="Answer"/> numbers the answer it was part of.</summary>
internal sealed record IssuedSuggestion(string Uri, long Answer, string Text)
{
    public int AcceptedLength { get; set; }
}
