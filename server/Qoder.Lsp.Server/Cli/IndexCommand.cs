using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Store;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Server.Cli;

/// <summary><c>qoder-lsp index PATH</c>: builds or updates a folder's index (the same one the server uses), progress on stderr, summary on stdout.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The folder to index." };
        var embeddings = new Option<bool>("--embeddings") { Description = "Also compute embeddings (semantic search) before exiting; slower." };
        var cacheDirectory = CacheDirectoryOption();
        var command = new Command("index", "Build or update the codebase index of a folder and print a summary.") { path, embeddings, cacheDirectory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(path)!);
            if (!Directory.Exists(root))
            {
                await Console.Error.WriteLineAsync($"qoder-lsp index: no such folder: {root}").ConfigureAwait(false);
                return 2;
            }

            var stopwatch = Stopwatch.StartNew();
            await using var session = await OpenAsync(root, parse.GetValue(cacheDirectory), parse.GetValue(embeddings), showProgress: true, cancellationToken).ConfigureAwait(false);
            var status = session.Service.GetStatus();
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {root}: {status.Files} files, {status.Chunks} chunks, {status.Vectors} embeddings; {session.Service.FilesProcessed} files (re)processed in {stopwatch.Elapsed.TotalSeconds:F1} s. Index: {session.DatabasePath}")).ConfigureAwait(false);
            if (status.Message is { } message)
            {
                await Console.Out.WriteLineAsync(message).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    internal static Option<string?> CacheDirectoryOption() =>
        new("--cache-dir") { Description = "Where indexes live (default: indexing.cacheDirectory, $XDG_CACHE_HOME/qoder-lsp or ~/.cache/qoder-lsp)." };

    /// <summary>An index service over <paramref name="root"/>, brought up to date (lexical and symbols; embeddings too when asked).</summary>
    internal static async Task<IndexCliSession> OpenAsync(string root, string? cacheDirectory, bool waitForEmbeddings, bool showProgress, CancellationToken cancellationToken)
    {
        var snapshot = new SettingsProvider(new PhysicalFileSystem(null), Environment.GetEnvironmentVariable).Initialize([root], initializationOptions: null);
        var settings = snapshot.Settings.Indexing;
        var cacheBase = cacheDirectory ?? settings.CacheDirectory ?? CacheDirectories.DefaultBase();
        var catalog = new ModelCatalog(snapshot.Settings);
        var options = IndexingFeature.ToOptions(settings) with { Embeddings = settings.Embeddings && waitForEmbeddings };
        var service = new IndexService(cacheBase, () => options, () => TryGetEmbeddings(catalog), message => Console.Error.WriteLine($"qoder-lsp: {message}"));
        var session = new IndexCliSession(service, catalog, IndexStore.DatabasePathFor(cacheBase, root));
        service.SetRoots([root]);
        service.RequestIndex();
        using var progress = showProgress ? new Timer(_ => ShowProgress(service), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)) : null;
        await service.WaitForIdleAsync(includeEmbeddings: options.Embeddings, cancellationToken).ConfigureAwait(false);
        if (showProgress)
        {
            await Console.Error.WriteLineAsync().ConfigureAwait(false);
        }

        return session;
    }

    private static IEmbeddingGenerator<string, Embedding<float>>? TryGetEmbeddings(ModelCatalog catalog)
    {
        try
        {
            return catalog.GetEmbeddingGenerator();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static void ShowProgress(IndexService service)
    {
        var status = service.GetStatus();
        var total = status.Files + status.Pending;
        const int width = 30;
        var filled = total == 0 ? 0 : (int)(width * status.Files / total);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {status.Files} files, {status.Pending} to go, {status.Vectors} embeddings ({status.State})");
        // A terminal gets a bar redrawn in place; a pipe or log file gets one line per tick.
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine(line);
        }
        else
        {
            Console.Error.Write("\r" + line + "   ");
        }
    }
}
