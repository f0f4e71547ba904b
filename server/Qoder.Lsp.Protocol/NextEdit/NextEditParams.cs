namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/nextEdit</c> params: the document the user is editing (with the version the client has) and the cursor.</summary>
public sealed record NextEditParams
{
    /// <summary>The document; when <c>version</c> is given and differs from the server's, the answer is empty (the request is stale).</summary>
    public required OptionalVersionedTextDocumentIdentifier TextDocument { get; init; }

    /// <summary>The cursor.</summary>
    public required Position Position { get; init; }
}
