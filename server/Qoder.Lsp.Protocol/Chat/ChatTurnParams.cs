namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/chat/turn</c>: one user message. Deltas stream as <c>$/progress</c> on <see cref="WorkDoneToken"/>.</summary>
public sealed record ChatTurnParams
{
    /// <summary>Continue this session; a new one is created when absent.</summary>
    public string? SessionId { get; init; }

    /// <summary><c>ask</c>, <c>agent</c> or <c>plan</c>; <c>chat.defaultMode</c> when absent.</summary>
    public string? Mode { get; init; }

    public required string Message { get; init; }

    public IReadOnlyList<ChatContextItemParams>? Context { get; init; }

    /// <summary>A tier or configured model name for this turn; <c>chat.models.&lt;mode&gt;</c> or the chat role when absent.</summary>
    public string? Model { get; init; }

    public ProgressToken? WorkDoneToken { get; init; }
}
