using System.Diagnostics;
using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Completion.Context;

public sealed class SnippetRankerTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Cursor = "var order = repository.LoadOrder(customerId);\nvar invoice = billing.CreateInvoice(order, customerId);\n";

    private static readonly string Related = string.Join('\n',
        "public Invoice CreateInvoice(Order order, int customerId)",
        "{",
        "    var invoice = new Invoice(order.Id, customerId);",
        "    repository.LoadOrder(customerId);",
        "    billing.Add(invoice);",
        "    return invoice;",
        "}");

    [Test]
    public void The_similar_window_wins_over_unrelated_code()
    {
        var unrelated = File("file:///util.cs", Filler("renderPixel(canvas, colour)", 60));
        var related = File("file:///billing.cs", Filler("renderPixel(canvas, colour)", 45) + "\n" + Related + "\n" + Filler("renderPixel(canvas, colour)", 45));

        var snippets = new SnippetRanker().Rank(Cursor, Cursor.Length, "file:///current.cs", [unrelated, related], Now);

        Assert.That(snippets, Is.Not.Empty);
        Assert.That(snippets[0].FilePath, Is.EqualTo("file:///billing.cs"));
        Assert.That(snippets[0].Text, Does.Contain("CreateInvoice(Order order, int customerId)"));
        Assert.That(snippets.Select(snippet => snippet.FilePath), Has.None.EqualTo("file:///util.cs"), "unrelated code is below the minimum similarity");
    }

    [Test]
    public void Secret_files_and_the_current_document_never_contribute()
    {
        var candidates = new[]
        {
            File("file:///repo/.env", Related),
            File("file:///repo/.env.local", Related),
            File("file:///repo/server.key", Related),
            File("file:///repo/appsettings.json", "{ \"ApiKey\": \"x\" }\n" + Related),
            File("file:///repo/current.cs", Related),
        };

        var snippets = new SnippetRanker().Rank(Cursor, Cursor.Length, "file:///repo/current.cs", candidates, Now);

        Assert.That(snippets, Is.Empty);
    }

    [Test]
    public void At_most_N_non_overlapping_snippets_within_the_character_budget()
    {
        var files = Enumerable.Range(0, 6).Select(i => File($"file:///f{i}.cs", Related + "\n" + Filler("renderPixel(canvas, colour)", 40) + "\n" + Related)).ToArray();
        var many = new SnippetRanker(new SnippetRankerOptions { MaxChars = 100_000 }).Rank(Cursor, Cursor.Length, "file:///current.cs", files, Now);
        Assert.That(many, Has.Count.EqualTo(3));
        Assert.That(many.Select(snippet => (snippet.FilePath, snippet.Text)).Distinct().Count(), Is.EqualTo(3), "windows of one file do not overlap");

        var options = new SnippetRankerOptions { MaxChars = many[0].Text.Length + many[1].Text.Length - 1 };
        var few = new SnippetRanker(options).Rank(Cursor, Cursor.Length, "file:///current.cs", files, Now);
        Assert.That(few, Is.Not.Empty);
        Assert.That(few.Sum(snippet => snippet.Text.Length), Is.LessThanOrEqualTo(options.MaxChars));
    }

    [Test]
    public void A_window_around_a_recent_edit_beats_an_equal_one_elsewhere()
    {
        var text = Related + "\n" + Filler("renderPixel(canvas, colour)", 60) + "\n" + Related.Replace("Invoice(", "Invoice2(", StringComparison.Ordinal);
        var editedLine = text.Split('\n').Length - 3;
        var options = new SnippetRankerOptions { MaxSnippets = 1 };

        var plain = new SnippetRanker(options).Rank(Cursor, Cursor.Length, "file:///c.cs", [File("file:///a.cs", text)], Now);
        var edited = new SnippetRanker(options).Rank(Cursor, Cursor.Length, "file:///c.cs", [File("file:///a.cs", text, editLines: [editedLine])], Now);

        Assert.That(plain.Single().Text, Does.Not.Contain("Invoice2("), "without an edit the exact match wins");
        Assert.That(edited.Single().Text, Does.Contain("Invoice2("));
    }

    [Test]
    public void A_recently_accessed_file_beats_an_equal_one_seen_long_ago()
    {
        var old = File("file:///old.cs", Related, lastAccess: Now - TimeSpan.FromHours(1));
        var recent = File("file:///recent.cs", Related, lastAccess: Now - TimeSpan.FromSeconds(10));

        var snippets = new SnippetRanker(new SnippetRankerOptions { MaxSnippets = 1 }).Rank(Cursor, Cursor.Length, "file:///c.cs", [old, recent], Now);

        Assert.That(snippets.Single().FilePath, Is.EqualTo("file:///recent.cs"));
    }

    [Test]
    public void The_lines_scanned_per_request_are_bounded()
    {
        // A match past the scan budget of the first, huge file is never found; one within budget of the second is.
        var huge = File("file:///huge.cs", Filler("renderPixel(canvas, colour)", 5000) + "\n" + Related);
        var small = File("file:///small.cs", Related);
        var options = new SnippetRankerOptions { MaxLinesScanned = 1000, MaxLinesPerFile = 800 };

        var snippets = new SnippetRanker(options).Rank(Cursor, Cursor.Length, "file:///c.cs", [huge, small], Now);

        Assert.That(snippets.Select(snippet => snippet.FilePath), Is.EqualTo(new[] { "file:///small.cs" }));
    }

    [Test]
    public void Ranking_twenty_large_files_is_cheap_once_cached()
    {
        var files = Enumerable.Range(0, 20).Select(i => File($"file:///f{i}.cs", Filler($"compute{i}(value, index)", 2500) + "\n" + Related)).ToArray();
        var ranker = new SnippetRanker();
        _ = ranker.Rank(Cursor, Cursor.Length, "file:///c.cs", files, Now);

        var watch = Stopwatch.StartNew();
        const int Rounds = 50;
        for (var i = 0; i < Rounds; i++)
        {
            _ = ranker.Rank(Cursor, Cursor.Length, "file:///c.cs", files, Now);
        }

        TestContext.Out.WriteLine($"Rank over 20 × 2,500-line files, cached: {watch.Elapsed.TotalMilliseconds / Rounds:F3} ms per request");
        Assert.Pass();
    }

    private static RecentFile File(string uri, string text, DateTimeOffset? lastAccess = null, int[]? editLines = null) =>
        new(uri, uri, new TextDocument(uri, "csharp", 1, text), lastAccess ?? Now, null, editLines ?? []);

    private static string Filler(string call, int lines) => string.Join('\n', Enumerable.Range(0, lines).Select(i => $"    {call}; // step{i % 7}"));
}
