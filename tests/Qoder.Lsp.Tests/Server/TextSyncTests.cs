using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Tests.CSharp;

namespace Qoder.Lsp.Tests.Server;

public sealed class TextSyncTests
{
    private const string Uri = "file:///work/a.cs";

    [Test]
    public async Task IncrementalChangesUseUtf16PositionsAcrossSurrogatesAndCrlf()
    {
        await using var session = await StartAsync("a😀b\r\nsecond");

        // character 3 is after the emoji's two UTF-16 units; line 1 starts after \r\n
        await ChangeAsync(session, 2, Change(0, 3, 0, 4, "B"), Change(1, 0, 1, 6, "2nd"));

        Assert.That(await TextAsync(session), Is.EqualTo("a😀B\r\n2nd"));
    }

    [Test]
    public async Task FullReplacementChangeReplacesTheText()
    {
        await using var session = await StartAsync("old");

        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { text = "new text" } },
        });

        Assert.That(await TextAsync(session), Is.EqualTo("new text"));
    }

    [Test]
    public async Task OutOfRangeEditIsRejectedLeavesTheDocumentIntactAndTellsTheUser()
    {
        await using var session = await StartAsync("line0\nline1");

        await ChangeAsync(session, 2, Change(0, 0, 0, 1, "L"), Change(7, 0, 7, 1, "x"));
        var warning = await session.WaitForAsync("window/logMessage", message => message.GetProperty("message").GetString()!.Contains("rejected an edit", StringComparison.Ordinal));

        Assert.That(await TextAsync(session), Is.EqualTo("line0\nline1"), "a batch is applied whole or not at all");
        Assert.That(warning.GetProperty("type").GetInt32(), Is.EqualTo((int)MessageType.Warning));
        session.Server.Documents.TryGet(Uri, out var document);
        Assert.That(document!.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task ManyRapidChangesAreAppliedInOrder()
    {
        await using var session = await StartAsync("");
        var expected = "";
        for (var version = 2; version < 302; version++)
        {
            var letter = (char)('a' + (version % 26));
            // Fire-and-forget in a loop: ordering must come from the server, not from the test awaiting each send.
            _ = ChangeAsync(session, version, Change(0, expected.Length, 0, expected.Length, letter.ToString()));
            expected += letter;
        }

        await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(await TextAsync(session), Is.EqualTo(expected));
    }

    [Test]
    public async Task CloseForgetsTheDocument()
    {
        await using var session = await StartAsync("text");

        await session.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });
        await session.RequestAsync<QoderStatus>(QoderMethods.Status);

        Assert.That(session.Server.Documents.TryGet(Uri, out _), Is.False);
    }

    [Test]
    public async Task AKeystrokeInALargeFileCopiesAboutTheEditNotTheFile()
    {
        // Every feature that follows edits listens (completion's recent files, NEXT's edit history and rename tracking,
        // the loaded C# workspace, the index): a keystroke's work on the didChange path, which the next completion
        // request waits behind, must not build a string of the whole 5,000-line text.
        using var solution = new CSharpSolutionFixture();
        solution.Write("App/App.csproj", CSharpSolutionFixture.DomainCsproj);
        var text = "class Big\n{\n    void Run()\n    {\n"
            + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"        var item{i:D5} = Compute({i}, \"text\");\n"))
            + "    }\n}\n";
        var uri = CSharpSolutionFixture.UriOf(solution.Write("App/Big.cs", text));
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(workspaceFolders: [new WorkspaceFolder(CSharpSolutionFixture.UriOf(solution.Root), "app")]);
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        // Notifications are applied before a later request is answered: the document is open once this returns.
        await session.RequestAsync<QoderStatus>(QoderMethods.Status);
        session.Server.CSharp.Start();
        await session.Server.CSharp.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(session.Server.CSharp.IsLoaded, Is.True);

        var most = 0L;
        for (var version = 2; version < 42; version++)
        {
            // Typing an identifier, so NEXT's rename tracking looks at every keystroke too.
            var at = new LinePosition(2_500, 8 + version);
            var before = GC.GetAllocatedBytesForCurrentThread();
            session.Server.Documents.Change(uri, version, [new TextChange(new LineRange(at, at), "x")]);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // The first keystrokes build per-document state once (the line index, the trackers' entries).
            most = version > 6 ? Math.Max(most, allocated) : most;
        }

        var textBytes = text.Length * sizeof(char);
        Assert.That(most, Is.LessThan(textBytes / 4), $"the most one keystroke allocated, against {textBytes} bytes of text");
        Assert.That(session.Server.Documents.TryGet(uri, out var document), Is.True);
        Assert.That(document!.GetLineText(2_500), Is.EqualTo("        va" + new string('x', 40) + "r item02496 = Compute(2496, \"text\");"));
        TestContext.Out.WriteLine($"most allocated by one keystroke: {most} bytes; text: {textBytes} bytes");
    }

    private static async Task<InMemoryLspSession> StartAsync(string text)
    {
        var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text } });
        return session;
    }

    private static Task ChangeAsync(InMemoryLspSession session, int version, params object[] changes) =>
        session.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version }, contentChanges = changes });

    private static object Change(int startLine, int startCharacter, int endLine, int endCharacter, string text) => new
    {
        range = new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } },
        text,
    };

    /// <summary>Reads the server's text after a round trip, so every earlier notification has been applied.</summary>
    private static async Task<string> TextAsync(InMemoryLspSession session)
    {
        await session.RequestAsync<QoderStatus>(QoderMethods.Status);
        Assert.That(session.Server.Documents.TryGet(Uri, out var document), Is.True);
        return document!.Text;
    }
}
