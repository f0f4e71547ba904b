namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// Tabby-style adaptive debounce: a fast typist gets a short wait (their next keystroke is near, so asking
/// sooner wastes little), a slow one a longer wait, within 100–400 ms. Intervals longer than a pause are not
/// typing rhythm and are ignored.
/// </summary>
internal sealed class TypingRhythm
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Maximum = TimeSpan.FromMilliseconds(400);
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private const double Factor = 2.0;
    private const double Smoothing = 0.3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(1500);

    private DateTimeOffset? _last;
    private double? _averageMs;

    public void Keystroke(DateTimeOffset now)
    {
        if (_last is { } last)
        {
            var interval = now - last;
            if (interval > TimeSpan.Zero && interval < Pause)
            {
                _averageMs = _averageMs is { } average ? (Smoothing * interval.TotalMilliseconds) + ((1 - Smoothing) * average) : interval.TotalMilliseconds;
            }
        }

        _last = now;
    }

    public TimeSpan Debounce =>
        _averageMs is { } average
            ? TimeSpan.FromMilliseconds(Math.Clamp(Factor * average, Minimum.TotalMilliseconds, Maximum.TotalMilliseconds))
            : Initial;
}
