namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>A clock the test moves by hand, so coalescing windows are deterministic without waiting.</summary>
internal sealed class FakeEditClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
