namespace Qoder.Lsp.Protocol;

/// <summary>LSP 3.18 <c>textDocument/inlineCompletion</c> params.</summary>
public sealed record InlineCompletionParams
{
    public required TextDocumentIdentifier TextDocument { get; init; }
    public required Position Position { get; init; }
    public InlineCompletionContext? Context { get; init; }
}
