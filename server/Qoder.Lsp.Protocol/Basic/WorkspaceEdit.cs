namespace Qoder.Lsp.Protocol;

/// <summary>We always send <see cref="DocumentChanges"/> (versioned, so a stale edit is refused by the client) when the client supports it, else <see cref="Changes"/>.</summary>
public sealed record WorkspaceEdit
{
    public IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes { get; init; }
    public IReadOnlyList<TextDocumentEdit>? DocumentChanges { get; init; }
}
