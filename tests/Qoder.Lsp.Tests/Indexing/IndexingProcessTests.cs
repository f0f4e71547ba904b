using System.Text.Json;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Tests.EndToEnd;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>qoder/search and qoder/index/status through the real server process over stdio.</summary>
public sealed class IndexingProcessTests : EndToEndTest
{
    [Test]
    public async Task The_server_indexes_its_workspace_with_progress_and_answers_searches_over_stdio()
    {
        using var workspace = new TempWorkspace();
        SampleRepository.WriteTo(workspace);
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAsync(new { window = new { workDoneProgress = true } }, rootUri: DocumentUris.ToFileUri(workspace.Root),
            initializationOptions: new { indexing = new { cacheDirectory = workspace.Cache, embeddings = false } });
        await client.NotifyAsync("initialized", new { });

        await client.WaitForMessageAsync("$/progress", message => message.GetProperty("value").GetProperty("kind").GetString() == "end", TimeSpan.FromSeconds(60));
        var status = await client.RequestAsync("qoder/index/status", null).WaitAsync(Timeout);
        var search = await client.RequestAsync("qoder/search", new { query = "verify_password", kind = "symbol" }).WaitAsync(Timeout);
        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException.
        var badKind = await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() => client.RequestAsync("qoder/search", new { query = "x", kind = "nope" }).WaitAsync(Timeout));

        Assert.That(status.GetProperty("files").GetInt64(), Is.EqualTo(SampleRepository.Files.Count), server.Diagnostics());
        var first = search.GetProperty("results")[0];
        Assert.That(first.GetProperty("uri").GetString(), Is.EqualTo(DocumentUris.ToFileUri(workspace.PathOf("auth/password_hasher.py"))));
        Assert.That(first.GetProperty("symbol").GetString(), Is.EqualTo("PasswordHasher.verify_password"));
        Assert.That(first.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(), Is.EqualTo(8));
        Assert.That((int)badKind!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(File.Exists(Qoder.Lsp.Indexing.Store.IndexStore.DatabasePathFor(workspace.Cache, workspace.Root)), Is.True);

        await client.ShutdownAndExitAsync();
        Assert.That(await server.WaitForExitAsync(Timeout), Is.EqualTo(0), server.Diagnostics());
        Assert.That(search.ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
