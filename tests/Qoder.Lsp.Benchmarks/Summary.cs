namespace Qoder.Lsp.Benchmarks;

/// <summary>Min, median and max of a few samples; with an even count the median is the mean of the middle two.</summary>
internal readonly record struct Summary(double Min, double Median, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(values));
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(sorted[0], median, sorted[^1]);
    }
}
