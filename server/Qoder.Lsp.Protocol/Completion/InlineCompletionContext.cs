namespace Qoder.Lsp.Protocol;

/// <summary><see cref="TriggerKind"/>: 1 = invoked by the user, 2 = automatic while typing (<see cref="InlineCompletionTriggerKind"/>).</summary>
public sealed record InlineCompletionContext
{
    public int TriggerKind { get; init; } = InlineCompletionTriggerKind.Automatic;
    public SelectedCompletionInfo? SelectedCompletionInfo { get; init; }
}
