using System.Globalization;

namespace Qoder.Lsp.Benchmarks;

/// <summary>Walks a benchmark's arguments; values are checked against their bounds so a run always ends.</summary>
internal sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _index = -1;

    /// <summary>The option being read, e.g. <c>--runs</c>.</summary>
    public string Name => args[_index];

    public bool MoveNext() => ++_index < args.Count;

    public string Value() => _index + 1 < args.Count ? args[++_index] : throw new ArgumentException($"{Name} needs a value.");

    public int Number(int min, int max)
    {
        var name = Name;
        var text = Value();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
    }
}
