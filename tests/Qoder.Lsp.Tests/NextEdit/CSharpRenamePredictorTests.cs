using Microsoft.CodeAnalysis;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.Tests.CSharp;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>Symbol-accurate rename propagation over a small two-project solution in a temporary directory.</summary>
public sealed class CSharpRenamePredictorTests
{
    // Another symbol spelled Total, and the word in a string and a comment: none of them may be renamed.
    private const string InvoiceSource = """
        namespace Shop.Domain;

        public class Invoice
        {
            // Total of the invoice, not of an order.
            public decimal Total { get; set; }

            public string Label => "Total";
        }
        """;

    [Test]
    public async Task Renaming_a_property_at_its_declaration_renames_its_references_across_files_and_projects_only()
    {
        using var fixture = new CSharpSolutionFixture();
        var (service, orderUri, serviceUri) = await TypeAmountOverOrderTotalAsync(fixture);
        using var disposeService = service;
        var suggestions = await service.SuggestAsync(orderUri, CancellationToken.None);

        var customerUri = CSharpSolutionFixture.UriOf(fixture.PathOf("A/Customer.cs"));
        Assert.That(suggestions.Select(suggestion => suggestion.Edits[0].Uri), Is.EqualTo(new[] { orderUri, customerUri, serviceUri }),
            "the current file first, then the others by path (Invoice.cs has no reference)");
        Assert.That(suggestions[0].Jump, Is.Null);
        Assert.That(suggestions[1].Jump, Is.EqualTo(new NextEditLocation(customerUri, suggestions[1].Edits[0].Range.Start)));
        Assert.That(suggestions[1].Edits.Single().Version, Is.Null, "Customer.cs is not open: its range refers to the file on disk");
        Assert.That(suggestions[2].Edits.Single().Version, Is.EqualTo(1));

        var order = Apply(fixture.Documents, orderUri, suggestions[0]);
        Assert.That(order, Does.Contain("public decimal Amount { get; private set; }").And.Contain("Amount += price;").And.Contain("=> Amount = _lines.Sum"));
        Assert.That(order, Does.Not.Contain("Total {").And.Not.Contain("Total +=").And.Not.Contain("=> Total"));
        Assert.That(Apply(fixture.Documents, serviceUri, suggestions[2]), Does.Contain("var total = order.Amount;"), "the local 'total' is another symbol");
        var customer = ApplyToText(File.ReadAllText(fixture.PathOf("A/Customer.cs")), suggestions[1]);
        Assert.That(customer, Does.Contain("order.Amount * (1 - rate)"));

        // The renamed solution compiles: every reference was found and nothing else was touched (Invoice keeps its Total).
        var solution = fixture.Workspace.CurrentSolution!;
        solution = solution.WithDocumentText(solution.GetDocumentIdsWithFilePath(fixture.PathOf("A/Order.cs"))[0], Microsoft.CodeAnalysis.Text.SourceText.From(order));
        solution = solution.WithDocumentText(solution.GetDocumentIdsWithFilePath(fixture.PathOf("A/Customer.cs"))[0], Microsoft.CodeAnalysis.Text.SourceText.From(customer));
        solution = solution.WithDocumentText(solution.GetDocumentIdsWithFilePath(fixture.PathOf("B/OrderService.cs"))[0], Microsoft.CodeAnalysis.Text.SourceText.From(Apply(fixture.Documents, serviceUri, suggestions[2])));
        foreach (var project in solution.Projects)
        {
            var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            Assert.That(errors.Select(error => error.ToString()), Is.Empty, project.Name);
        }
    }

    [Test]
    public async Task Renaming_a_local_at_its_declaration_renames_its_uses_but_not_a_property_or_string_of_the_same_name()
    {
        using var fixture = new CSharpSolutionFixture();
        const string Source = """
            using Shop.Domain;

            namespace Shop.App;

            public static class Totals
            {
                public static decimal Of(Order order)
                {
                    var total = order.Total;
                    System.Console.WriteLine("total"); // total
                    return total + Other();
                }

                private static decimal Other() { decimal total = 1; return total; }
            }
            """;
        fixture.Write("B/Totals.cs", Source);
        await fixture.LoadAsync();
        using var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var uri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/Totals.cs"));
        fixture.Documents.Open(uri, "csharp", 1, Source);

        TypeOver(fixture.Documents, uri, Source.IndexOf("total =", StringComparison.Ordinal), "total".Length, "sum");
        var suggestions = await service.SuggestAsync(uri, CancellationToken.None);

        Assert.That(suggestions, Has.Count.EqualTo(1));
        Assert.That(Apply(fixture.Documents, uri, suggestions[0]), Is.EqualTo(Source
            .Replace("var total = order.Total;", "var sum = order.Total;", StringComparison.Ordinal)
            .Replace("return total + Other();", "return sum + Other();", StringComparison.Ordinal)),
            "only the uses of that local: not Order.Total, the string, the comment, or the other method's local");
    }

    [Test]
    public async Task Renaming_a_use_of_a_framework_member_suggests_nothing()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        using var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var uri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/OrderService.cs"));
        var source = CSharpSolutionFixture.ServiceSource.Replace("return total;", "Console.WriteLine(total);\n        Console.WriteLine();\n        return total;", StringComparison.Ordinal);
        fixture.Documents.Open(uri, "csharp", 1, source);

        // A symbol declared in metadata is no rename of ours, although a token-level rename would touch the second call.
        TypeOver(fixture.Documents, uri, source.IndexOf("WriteLine", StringComparison.Ordinal), "WriteLine".Length, "Print");

        Assert.That(await service.SuggestAsync(uri, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_typed_rename_is_resolved_once_from_its_first_keystroke_and_the_request_reuses_that_lookup()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        using var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var uri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/OrderService.cs"));
        fixture.Documents.Open(uri, "csharp", 1, CSharpSolutionFixture.ServiceSource);

        TypeOver(fixture.Documents, uri, CSharpSolutionFixture.ServiceSource.IndexOf("total", StringComparison.Ordinal), "total".Length, "sum");
        Assert.That(service.RenameLookupsStarted, Is.EqualTo(1), "three keystrokes of one step, one lookup of the old name");

        var suggestions = await service.SuggestAsync(uri, CancellationToken.None);

        Assert.That(Apply(fixture.Documents, uri, suggestions.Single()), Does.Contain("var sum = order.Total;").And.Contain("return sum;"));
        Assert.That(service.RenameLookupsStarted, Is.EqualTo(1), "the request used the lookup started at the first keystroke");
    }

    [Test]
    public async Task A_lookup_started_before_another_file_changed_is_not_reused()
    {
        using var fixture = new CSharpSolutionFixture();
        var (service, orderUri, serviceUri) = await TypeAmountOverOrderTotalAsync(fixture);
        using var disposeService = service;

        // Meanwhile the service gains a second use of Order.Total, which the early lookup cannot know about.
        fixture.Documents.TryGet(serviceUri, out var service1);
        var withSecondUse = service1!.Text.Replace("return total;", "return total + order.Total;", StringComparison.Ordinal);
        fixture.Documents.Change(serviceUri, 2, [TextChange.FullText(withSecondUse)]);
        await fixture.Workspace.WhenIdleAsync(CancellationToken.None);

        var suggestions = await service.SuggestAsync(orderUri, CancellationToken.None);

        var inService = suggestions.Single(suggestion => suggestion.Edits[0].Uri == serviceUri);
        Assert.That(Apply(fixture.Documents, serviceUri, inService), Does.Contain("var total = order.Amount;").And.Contain("return total + order.Amount;"));
    }

    /// <summary>
    /// The shop solution plus Invoice.cs (a Total of its own), Order.cs and OrderService.cs open, and "Amount" typed
    /// over the declaration of Order.Total one keystroke at a time.
    /// </summary>
    private static async Task<(NextEditService Service, string OrderUri, string ServiceUri)> TypeAmountOverOrderTotalAsync(CSharpSolutionFixture fixture)
    {
        fixture.Write("A/Invoice.cs", InvoiceSource);
        await fixture.LoadAsync();
        var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var orderUri = CSharpSolutionFixture.UriOf(fixture.PathOf("A/Order.cs"));
        var serviceUri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/OrderService.cs"));
        fixture.Documents.Open(orderUri, "csharp", 1, CSharpSolutionFixture.OrderSource);
        fixture.Documents.Open(serviceUri, "csharp", 1, CSharpSolutionFixture.ServiceSource);

        var declaration = CSharpSolutionFixture.OrderSource.IndexOf("Total { get; private set; }", StringComparison.Ordinal);
        TypeOver(fixture.Documents, orderUri, declaration, "Total".Length, "Amount");
        return (service, orderUri, serviceUri);
    }

    private static void TypeOver(DocumentStore documents, string uri, int offset, int length, string newName)
    {
        documents.TryGet(uri, out var document);
        documents.Change(uri, document!.Version + 1, [TextChange.Replace(new LineRange(document.PositionOf(offset), document.PositionOf(offset + length)), newName[..1])]);
        for (var i = 1; i < newName.Length; i++)
        {
            documents.TryGet(uri, out document);
            documents.Change(uri, document!.Version + 1, [TextChange.Insert(document.PositionOf(offset + i), newName[i].ToString())]);
        }
    }

    private static string Apply(DocumentStore documents, string uri, NextEditSuggestion suggestion)
    {
        documents.TryGet(uri, out var document);
        return TextEdits.Apply(document!, [.. suggestion.Edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
    }

    private static string ApplyToText(string text, NextEditSuggestion suggestion) =>
        TextEdits.Apply(new Qoder.Lsp.Core.Text.TextDocument("file:///x", "csharp", 0, text), [.. suggestion.Edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
}
