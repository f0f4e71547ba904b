using Qoder.Lsp.Chat.Inline;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>qoder/inlineChat: rewrite a selection, generate at an empty line; hunks applied give the expected text.</summary>
public sealed class InlineChatTests : WithFakeModelServer
{
    private const string Source = """
        public static class MathUtil
        {
            public static int Add(int a, int b)
            {
                return a + b;
            }

            public static int Twice(int x) => x * 2;
        }

        """;

    [Test]
    public async Task RewritingASelectionGivesHunksThatProduceTheModelsCode()
    {
        Server.Enqueue(FakeReply.Text("```csharp\n    public static int Add(int a, int b)\n    {\n        checked\n        {\n            return a + b;\n        }\n    }\n```"));
        var (session, workspace, uri) = await OpenAsync();
        await using var _ = session;

        var result = await session.RequestAsync<Protocol.InlineChatResult>(QoderMethods.InlineChat, new
        {
            textDocument = new { uri },
            range = new { start = new { line = 2, character = 8 }, end = new { line = 5, character = 3 } },
            instruction = "make the addition checked",
            workDoneToken = "inline",
        });

        var expected = Source.Replace("                return a + b;\n", "        checked\n        {\n            return a + b;\n        }\n".Replace("        ", "        "), StringComparison.Ordinal);
        Assert.That(result.Range.Start, Is.EqualTo(new Position(2, 0)), "the selection is widened to whole lines");
        Assert.That(result.Hunks, Has.Count.EqualTo(1));
        Assert.That(result.Hunks[0].OldText, Is.EqualTo("        return a + b;\n"));
        Assert.That(Apply(Source, result.Hunks), Is.EqualTo(Source.Replace("        return a + b;\n", "        checked\n        {\n            return a + b;\n        }\n", StringComparison.Ordinal)));
        Assert.That(expected, Is.Not.Empty);
        var prompt = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text;
        Assert.That(prompt, Does.Contain("<selection>\n    public static int Add").And.Contain("Instruction: make the addition checked").And.Contain("Twice"));
        Directory.Delete(workspace, recursive: true);
    }

    [Test]
    public async Task GeneratingAtAnEmptyLineInsertsTheCode()
    {
        Server.Enqueue(FakeReply.Text("Here:\n```csharp\n    public static int Square(int x) => x * x;\n```"));
        var (session, workspace, uri) = await OpenAsync();
        await using var _ = session;

        var result = await session.RequestAsync<Protocol.InlineChatResult>(QoderMethods.InlineChat, new
        {
            textDocument = new { uri },
            range = new { start = new { line = 6, character = 0 }, end = new { line = 6, character = 0 } },
            instruction = "add Square",
        });

        Assert.That(Apply(Source, result.Hunks), Is.EqualTo(Source.Replace("    }\n\n    public static int Twice", "    }\n    public static int Square(int x) => x * x;\n    public static int Twice", StringComparison.Ordinal)));
        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text, Does.Contain("<cursor/>"));
        Directory.Delete(workspace, recursive: true);
    }

    [Test]
    public void HunksOfSeveralChangesCanBeAcceptedOneByOne()
    {
        const string old = "a\nb\nc\nd\ne\n";
        const string changed = "a\nB\nc\nd\nE\nf\n";

        var hunks = HunkDiffer.Diff(old, changed, baseOffset: 10, idPrefix: "h");

        Assert.That(hunks.Select(h => (h.Id, h.OldText, h.NewText)), Is.EqualTo(new[] { ("h1", "b\n", "B\n"), ("h2", "e\n", "E\nf\n") }));
        var document = new string('x', 10) + old;
        Assert.That(Apply(document, hunks), Is.EqualTo(new string('x', 10) + changed));
        Assert.That(Apply(document, [hunks[1]]), Is.EqualTo(new string('x', 10) + "a\nb\nc\nd\nE\nf\n"), "rejecting the first hunk keeps its old text");
    }

    private async Task<(InMemoryLspSession Session, string Workspace, string Uri)> OpenAsync()
    {
        var workspace = ChatTestKit.CreateWorkspace();
        var path = Path.Combine(workspace, "MathUtil.cs");
        File.WriteAllText(path, Source);
        var session = await ChatTestKit.StartAsync(Server, workspace);
        var uri = new Uri(path).AbsoluteUri;
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = Source } });
        return (session, workspace, uri);
    }

    private static string Apply(string text, IEnumerable<InlineChatHunk> hunks) => Apply(text, hunks.Select(h => (Offset(text, h.Range.Start), Offset(text, h.Range.End), h.NewText)));

    private static string Apply(string text, IEnumerable<EditHunk> hunks) => Apply(text, hunks.Select(h => (h.StartOffset, h.EndOffset, h.NewText)));

    private static string Apply(string text, IEnumerable<(int Start, int End, string NewText)> hunks)
    {
        foreach (var (start, end, newText) in hunks.OrderByDescending(h => h.Start))
        {
            text = text[..start] + newText + text[end..];
        }

        return text;
    }

    private static int Offset(string text, Position position)
    {
        var offset = 0;
        for (var line = 0; line < position.Line; line++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + position.Character;
    }
}
