namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/inlineChat</c>: rewrite the selection, or generate at the cursor when the range is empty.</summary>
public sealed record InlineChatParams
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    public required Range Range { get; init; }

    public required string Instruction { get; init; }

    public IReadOnlyList<ChatContextItemParams>? Context { get; init; }

    /// <summary>A tier or configured model name; the chat role's model when absent.</summary>
    public string? Model { get; init; }

    public ProgressToken? WorkDoneToken { get; init; }
}
