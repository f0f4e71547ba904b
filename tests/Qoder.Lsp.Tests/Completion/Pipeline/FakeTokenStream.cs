namespace Qoder.Lsp.Tests.Completion.Pipeline;

/// <summary>A scripted model stream that records how many chunks were pulled and whether it was disposed (the HTTP response closed).</summary>
internal sealed class FakeTokenStream(IReadOnlyList<string> chunks) : IAsyncEnumerable<string>
{
    public int Pulled { get; private set; }

    public bool Disposed { get; private set; }

    public async IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var chunk in chunks)
            {
                await Task.Yield();
                Pulled++;
                yield return chunk;
            }
        }
        finally
        {
            Disposed = true;
        }
    }
}
