using System.CommandLine;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Embeddings;
using Qoder.Lsp.Models;

namespace Qoder.Lsp.Server.Doctor;

/// <summary><c>qoder-lsp doctor</c>: what a newcomer runs first.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var workspace = new Option<string?>("--workspace") { Description = "The folder to check (default: the current directory)." };
        var noProbe = new Option<bool>("--no-probe") { Description = "Do not contact the configured model providers." };
        // Hidden: loads the built-in embedding model from wherever the server runs (the check that a publish carries the
        // ONNX native library and the model); it costs a second or two, so the normal doctor does not do it.
        var checkEmbeddings = new Option<bool>("--check-embeddings") { Description = "Load and run the built-in local embedding model.", Hidden = true };
        var command = new Command("doctor", "Show the settings and environment found (secrets masked), whether each model answers, and which features work.")
        {
            workspace, noProbe, checkEmbeddings,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(workspace) ?? Directory.GetCurrentDirectory());
            var (report, healthy) = await RunAsync(folder, !parse.GetValue(noProbe), Environment.GetEnvironmentVariable, homeDirectory: null, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(report).ConfigureAwait(false);
            if (parse.GetValue(checkEmbeddings))
            {
                var (line, works) = await CheckLocalEmbeddingsAsync(cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                healthy &= works;
            }

            return healthy ? 0 : 1;
        });
        return command;
    }

    internal static async Task<(string Report, bool Healthy)> RunAsync(string workspace, bool probe, Func<string, string?> environment, string? homeDirectory, CancellationToken cancellationToken)
    {
        var provider = new SettingsProvider(new PhysicalFileSystem(homeDirectory), environment);
        var snapshot = provider.Initialize(Directory.Exists(workspace) ? [workspace] : [], initializationOptions: null);
        using var catalog = new ModelCatalog(snapshot.Settings, localEmbeddings: LocalEmbeddingGenerator.Shared);
        var models = probe ? await catalog.ProbeAsync(cancellationToken).ConfigureAwait(false) : catalog.GetStatus();
        var healthy = !snapshot.HasErrors && !models.Any(model => model.Availability == ModelAvailability.Unreachable);
        return (DoctorReport.Render(snapshot, models, Directory.Exists(workspace) ? workspace : null, environment), healthy);
    }

    /// <summary>Embeds two related sentences and an unrelated one with the local model: it loads, has 384 dimensions and knows meaning.</summary>
    internal static async Task<(string Line, bool Works)> CheckLocalEmbeddingsAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var generator = new LocalEmbeddingGenerator();
            var vectors = await generator.GenerateAsync(
                ["How do I open a database connection?", "Connecting to the SQL server", "A cat sleeps in the sun"], cancellationToken: cancellationToken).ConfigureAwait(false);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var similar = Dot(vectors[0].Vector.Span, vectors[1].Vector.Span);
            var unrelated = Dot(vectors[0].Vector.Span, vectors[2].Vector.Span);
            var works = vectors[0].Vector.Length == LocalEmbeddingGenerator.Dimensions && similar > unrelated;
            return ($"Local embeddings: {LocalEmbeddingGenerator.ModelName}, {vectors[0].Vector.Length} dimensions, loaded and ran in {elapsed:F0} ms; " +
                $"similar {similar:F2} vs unrelated {unrelated:F2}: {(works ? "ok" : "WRONG")}", works);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ($"Local embeddings: failed to load or run: {ex.GetType().Name}: {ex.Message}", false);
        }
    }

    /// <summary>Cosine similarity of the model's vectors, which have unit length.</summary>
    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
