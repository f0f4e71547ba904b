using System.Globalization;
using System.Text.RegularExpressions;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Store;
using Qoder.Lsp.Testing.Processes;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>The built server's <c>index</c> command, killed with SIGKILL mid-index: the index opens, passes integrity_check, and indexing resumes where it stopped.</summary>
public sealed partial class IndexCrashSafetyTests
{
    private const int FileCount = 4000;

    [Test]
    public async Task Kill_9_mid_index_leaves_a_valid_index_that_resumes()
    {
        using var workspace = new TempWorkspace();
        for (var i = 0; i < FileCount; i++)
        {
            workspace.Write($"src/m{i / 200}/file{i}.py", $"def function_{i}(value):\n    \"\"\"Doubles value {i}.\"\"\"\n    return value * 2 + {i}\n\n\nclass Holder{i}:\n    pass\n");
        }

        await using (var child = LspServerProcess.Start(["index", workspace.Root, "--cache-dir", workspace.Cache]))
        {
            // Progress lines on a redirected stderr: kill once some files are committed and many are still to go.
            await child.WaitForStandardErrorLineAsync(line => ProgressLine().Match(line) is { Success: true } match
                && long.Parse(match.Groups["files"].Value, CultureInfo.InvariantCulture) > 0
                && long.Parse(match.Groups["pending"].Value, CultureInfo.InvariantCulture) > 500, TimeSpan.FromSeconds(120));
            System.Diagnostics.Process.GetProcessById(child.Id).Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        long filesBeforeResume;
        using (var store = new IndexStore(IndexStore.DatabasePathFor(workspace.Cache, workspace.Root)))
        {
            Assert.That(store.IntegrityCheck(), Is.EqualTo("ok"));
            filesBeforeResume = store.Counts().Files;
        }

        await using var service = new IndexService(workspace.Cache, () => new IndexingOptions { Embeddings = false }, () => null);
        service.SetRoots([workspace.Root]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await service.WaitForIdleAsync(includeEmbeddings: false, timeout.Token);
        var status = service.GetStatus();
        var hits = await service.SearchAsync(new Qoder.Lsp.Indexing.Search.SearchRequest("function_3999", Qoder.Lsp.Indexing.Search.SearchKind.Symbol), timeout.Token);

        Assert.That(filesBeforeResume, Is.GreaterThan(0).And.LessThan(FileCount), "killed mid-index");
        Assert.That(status.Files, Is.EqualTo(FileCount));
        Assert.That(service.FilesProcessed, Is.EqualTo(FileCount - filesBeforeResume), "files committed before the kill are not processed again");
        Assert.That(hits, Is.Not.Empty);
    }

    [GeneratedRegex(@"\] (?<files>\d+) files, (?<pending>\d+) to go")]
    private static partial Regex ProgressLine();
}
