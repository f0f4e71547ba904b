using Qoder.Lsp.Chat.Search;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>qoder/context/search, the @-completion: fuzzy ranking with highlights; current and recent files first.</summary>
public sealed class ContextSearchTests : WithFakeModelServer
{
    [TestCase("ordsvc", "OrderService.cs", new[] { 0, 1, 2, 5, 8, 10 })]
    [TestCase("OS", "OrderService.cs", new[] { 0, 5 })]
    [TestCase("svc", "OrderService.cs", new[] { 5, 8, 10 })]
    public void MatchesPreferWordStarts(string query, string text, int[] expected)
    {
        Assert.That(FuzzyMatcher.Match(query, text)!.Positions, Is.EqualTo(expected));
    }

    [Test]
    public void ACharacterOutOfOrderIsNoMatch() => Assert.That(FuzzyMatcher.Match("cso", "OrderService.cs"), Is.Null);

    [Test]
    public async Task RanksFilesFoldersAndRulesWithHighlightsAndPutsTheCurrentAndRecentFilesFirst()
    {
        var workspace = ChatTestKit.CreateWorkspace();
        try
        {
            ChatTestKit.Write(workspace, "src/OrderService.cs", "class OrderService { }");
            ChatTestKit.Write(workspace, "src/orders/OrderRepository.cs", "class OrderRepository { }");
            ChatTestKit.Write(workspace, "src/Other.cs", "class Other { }");
            ChatTestKit.Write(workspace, "docs/readme.md", "# Docs");
            ChatTestKit.Write(workspace, "node_modules/pkg/index.js", "ignored");
            ChatTestKit.Write(workspace, ".env", "SECRET=1");
            ChatTestKit.Write(workspace, ".qoder/rules/orders.md", "---\ntrigger: manual\ndescription: How orders work\n---\nbody");
            await using var session = await ChatTestKit.StartAsync(Server, workspace);
            var readme = new Uri(Path.Combine(workspace, "docs/readme.md")).AbsoluteUri;
            var other = new Uri(Path.Combine(workspace, "src/Other.cs")).AbsoluteUri;
            await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = other, languageId = "csharp", version = 1, text = "class Other { }" } });

            var fuzzy = await session.RequestAsync<ContextSearchResult>(QoderMethods.ContextSearch, new { query = "ordsvc" });
            var empty = await session.RequestAsync<ContextSearchResult>(QoderMethods.ContextSearch, new { query = "", currentUri = readme });
            var folders = await session.RequestAsync<ContextSearchResult>(QoderMethods.ContextSearch, new { query = "orders", kinds = new[] { "folder", "rule" } });

            Assert.That(fuzzy.Items[0].Label, Is.EqualTo("OrderService.cs"));
            Assert.That(fuzzy.Items[0].Description, Is.EqualTo("src"));
            Assert.That(fuzzy.Items[0].Uri, Is.EqualTo(new Uri(Path.Combine(workspace, "src/OrderService.cs")).AbsoluteUri));
            Assert.That(fuzzy.Items[0].LabelMatches, Is.EqualTo(new[] { 0, 1, 2, 5, 8, 10 }));
            Assert.That(empty.Items.Take(2).Select(i => i.Label), Is.EqualTo(new[] { "readme.md", "Other.cs" }), "current file, then the recently opened one");
            Assert.That(empty.Items.Select(i => i.Label), Does.Not.Contain("index.js").And.Not.Contain(".env"), "ignored and secret files are not offered");
            Assert.That(folders.Items.Select(i => (i.Kind, i.Label)), Is.EquivalentTo(new[] { ("folder", "orders"), ("rule", "orders") }));
            Assert.That(folders.Items.Single(i => i.Kind == "rule").Name, Is.EqualTo("orders"));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }
}
