namespace Qoder.Lsp.Benchmarks;

/// <summary>A run could not be measured (the server crashed, answered an error, or timed out).</summary>
internal sealed class BenchmarkFailedException : Exception
{
    public BenchmarkFailedException()
    {
    }

    public BenchmarkFailedException(string message)
        : base(message)
    {
    }

    public BenchmarkFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
