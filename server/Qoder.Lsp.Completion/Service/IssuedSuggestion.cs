namespace Qoder.Lsp.Completion.Service;

/// <summary>A suggestion sent to the client, remembered until it reports it shown or accepted.</summary>
internal sealed record IssuedSuggestion(string Uri, CursorWindow Spot, string Text)
{
    public int AcceptedLength { get; set; }
}
