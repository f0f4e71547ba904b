namespace Qoder.Lsp.Protocol;

/// <summary>
/// A stored message. <c>role</c>: <c>user</c>, <c>assistant</c> or <c>summary</c>; <c>state</c>: <c>complete</c>,
/// <c>cancelled</c>, <c>failed</c>, or <c>streaming</c> (interrupted by a crash); <c>compacted</c> messages no longer reach the model.
/// </summary>
public sealed record ChatHistoryMessage(long Sequence, string TurnId, string Role, string Text, string State, bool Compacted, string CreatedAt);
