namespace Qoder.Lsp.Tests.Completion.Context;

/// <summary>A clock the test moves by hand, so recency is deterministic without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
