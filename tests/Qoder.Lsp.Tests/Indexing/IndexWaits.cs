using Qoder.Lsp.Indexing;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>Waits for the server's background index without sleeping: on its status events.</summary>
internal static class IndexWaits
{
    /// <summary>Completes once the index holds <paramref name="files"/> files with nothing pending (indexing starts after initialized, in the background).</summary>
    public static async Task IndexedAsync(IndexService index, int files)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, EventArgs e)
        {
            if (index.GetStatus() is { Pending: 0 } status && status.Files >= files)
            {
                ready.TrySetResult();
            }
        }

        index.StatusChanged += Check;
        try
        {
            Check(null, EventArgs.Empty);
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            index.StatusChanged -= Check;
        }
    }
}
