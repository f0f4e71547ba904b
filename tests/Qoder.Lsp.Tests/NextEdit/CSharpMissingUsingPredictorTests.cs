using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.Tests.CSharp;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>A C# type used without its <c>using</c>: the directive is suggested from the project's sources and references.</summary>
public sealed class CSharpMissingUsingPredictorTests
{
    private const string PricingSource = """
        namespace Shop.Domain.Pricing;

        public sealed class Discount
        {
            public decimal Rate { get; init; }
        }
        """;

    [TestCase("var builder = new StringBuilder();", "System.Text")]
    [TestCase("var discount = new Discount();", "Shop.Domain.Pricing")]
    [TestCase("var ok = Regex.IsMatch(\"a\", \"a\");", "System.Text.RegularExpressions")]
    public async Task A_type_typed_without_its_using_gets_the_directive_at_its_sorted_place(string line, string expectedNamespace)
    {
        using var fixture = new CSharpSolutionFixture();
        fixture.Write("A/Discount.cs", PricingSource);
        await fixture.LoadAsync();
        using var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var uri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/OrderService.cs"));
        var (text, offset) = CSharpSolutionFixture.Cursor(CSharpSolutionFixture.ServiceSource.Replace("var total = order.Total;", "$0var total = order.Total;", StringComparison.Ordinal));
        fixture.Documents.Open(uri, "csharp", 1, text);
        fixture.Documents.TryGet(uri, out var document);
        fixture.Documents.Change(uri, 2, [TextChange.Insert(document!.PositionOf(offset), line + "\n        ")]);

        var suggestions = await service.SuggestAsync(uri, CancellationToken.None);

        var suggestion = suggestions.Single();
        Assert.That(suggestion.Description, Is.EqualTo("add using " + expectedNamespace));
        fixture.Documents.TryGet(uri, out document);
        var applied = TextEdits.Apply(document!, [.. suggestion.Edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
        Assert.That(applied, Does.StartWith(expectedNamespace.StartsWith("System", StringComparison.Ordinal)
            ? $"using {expectedNamespace};\nusing Shop.Domain;\n"
            : $"using Shop.Domain;\nusing {expectedNamespace};\n"), "System first, then alphabetical");
    }

    [Test]
    public async Task Nothing_is_suggested_for_a_line_whose_names_all_resolve_or_an_unknown_name()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        using var service = new NextEditService(fixture.Documents, fixture.Workspace, () => new NextEditSettings(), TimeProvider.System);
        var uri = CSharpSolutionFixture.UriOf(fixture.PathOf("B/OrderService.cs"));
        var (text, offset) = CSharpSolutionFixture.Cursor(CSharpSolutionFixture.ServiceSource.Replace("return total;", "$0return total;", StringComparison.Ordinal));
        fixture.Documents.Open(uri, "csharp", 1, text);

        foreach (var (version, line) in new[] { (2, "var items = new List<int>();"), (3, "var nothing = new NoSuchTypeAnywhere();") })
        {
            fixture.Documents.TryGet(uri, out var document);
            fixture.Documents.Change(uri, version, [TextChange.Insert(document!.PositionOf(offset), line + "\n        ")]);

            Assert.That(await service.SuggestAsync(uri, CancellationToken.None), Is.Empty, line);
        }
    }
}
