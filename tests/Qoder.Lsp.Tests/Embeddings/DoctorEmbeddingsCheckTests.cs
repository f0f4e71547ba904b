using System.Diagnostics;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.Embeddings;

/// <summary>
/// The built server loads the local model from its own output folder (native ONNX library and model resource) through
/// the hidden <c>qoder-lsp doctor --check-embeddings</c>; the same command checks a publish (docs: ARCHITECTURE.md, Embeddings).
/// </summary>
public sealed class DoctorEmbeddingsCheckTests
{
    [Test]
    public async Task Doctor_check_embeddings_loads_and_runs_the_local_model_from_the_server_folder()
    {
        var home = Directory.CreateTempSubdirectory("qoder-doctor-home-").FullName;
        var start = new ProcessStartInfo(LspServerProcess.ServerExecutable, ["doctor", "--no-probe", "--check-embeddings"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home,
        };
        LspServerProcess.PrepareEnvironment(start.Environment, home, null);
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);

        Assert.That(output, Does.Match(@"Local embeddings: all-MiniLM-L6-v2, 384 dimensions, loaded and ran in \d+ ms; similar 0\.\d\d vs unrelated -?0\.\d\d: ok"));
        Assert.That(output, Does.Contain("local/all-MiniLM-L6-v2"));
        Assert.That(process.ExitCode, Is.EqualTo(0));
    }
}
