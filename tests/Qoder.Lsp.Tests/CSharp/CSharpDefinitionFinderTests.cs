using System.Diagnostics;
using System.Text;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp.Definitions;

namespace Qoder.Lsp.Tests.CSharp;

public sealed class CSharpDefinitionFinderTests
{
    private const int Budget = 4000;

    // Generous: the tests run on a shared 2-core machine; the cold path (first request) is allowed its full second.
    private static readonly TimeSpan TestTimeBudget = TimeSpan.FromSeconds(10);

    [Test]
    public async Task After_a_member_access_the_receivers_type_from_another_project_is_shown_with_its_member_signatures()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            using Shop.Domain;

            namespace Shop.App;

            public class OrderService : OrderServiceBase
            {
                public decimal Submit(Order order)
                {
                    var total = order.$0
                }
            }
            """);

        var order = definitions.Single(definition => definition.Name == "Order");
        Assert.That(order.Kind, Is.EqualTo("class"));
        Assert.That(order.FilePath, Is.EqualTo(fixture.PathOf("A/Order.cs")));
        Assert.That(order.Text, Is.EqualTo("""
            /// An order placed by a Customer ; totals are in the shop's currency.
            public class Order
            {
                public Order(int id, Customer customer) { ... }
                public int Id { get; }
                public Customer Customer { get; }
                /// The sum of the lines, before tax.
                public decimal Total { get; private set; }
                public OrderStatus Status { get; set; }
                public void AddLine(string sku, decimal price) { ... }
            }
            """.ReplaceLineEndings("\n")));
        Assert.That(definitions[0].Name, Is.EqualTo("Order"), "the symbol on the cursor line comes first");
    }

    [Test]
    public async Task A_local_variables_type_is_resolved()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            using Shop.Domain;

            namespace Shop.App;

            public static class Lookup
            {
                public static void Run(Order order)
                {
                    var buyer = order.Customer;


                    if (buyer.$0)
                }
            }
            """);

        var customer = definitions.First(definition => definition.Name == "Customer");
        Assert.That(customer.Kind, Is.EqualTo("record"));
        Assert.That(customer.Text, Does.StartWith("public sealed record Customer(string Name, string Email)").And.Contain("public bool IsVip { get; init; }"));
        Assert.That(definitions[0].Name, Is.EqualTo("Customer"), "buyer on the cursor line is nearer than order two lines up");
    }

    [Test]
    public async Task A_called_method_is_shown_by_its_declaration_and_created_types_by_theirs()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            using Shop.Domain;

            namespace Shop.App;

            public static class Pricing
            {
                public static decimal Price(Order order)
                {
                    var line = new OrderLine("sku", 1m);
                    return order.Discounted(0.1m)$0;
                }
            }
            """);

        var discounted = definitions.Single(definition => definition.Kind == "method");
        Assert.That(discounted.Name, Is.EqualTo("OrderExtensions.Discounted"));
        Assert.That(discounted.Text, Is.EqualTo("/// The total after a discount.\npublic static decimal Discounted(this Order order, decimal rate) { ... }"));
        Assert.That(definitions.Select(definition => definition.Name), Does.Contain("OrderLine"));
        Assert.That(definitions.Select(definition => definition.Name), Does.Not.Contain("Pricing"), "the enclosing type is the code around the cursor");
    }

    [Test]
    public async Task Types_from_metadata_are_never_shown()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            namespace Shop.App;

            public static class Text
            {
                public static string Shout(string value)
                {
                    var list = new List<string> { value.Trim() };
                    return list.$0
                }
            }
            """);

        Assert.That(definitions, Is.Empty);
    }

    [Test]
    public async Task The_enclosing_member_is_skipped_and_the_enclosing_types_base_is_shown()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            using Shop.Domain;

            namespace Shop.App;

            public class OrderService : OrderServiceBase
            {
                protected override string Name => "orders";

                public decimal Submit(Order order)
                {
                    return Submit($0);
                }
            }
            """);

        Assert.That(definitions.Select(definition => definition.Name), Has.None.Contains("Submit").And.None.EqualTo("OrderService"));
        var baseType = definitions.Single(definition => definition.Name == "OrderServiceBase");
        Assert.That(baseType.Text, Does.Contain("protected abstract string Name { get; }").And.Contain("public virtual void Log(string message) { ... }"));
    }

    [Test]
    public async Task Enum_values_show_the_enum_and_private_members_stay_hidden()
    {
        using var fixture = new CSharpSolutionFixture();
        var definitions = await FindAsync(fixture, "B/OrderService.cs", """
            using Shop.Domain;

            namespace Shop.App;

            public static class Flow
            {
                public static bool Done(Order order) => order.Status == OrderStatus.Paid$0;
            }
            """);

        var status = definitions.Single(definition => definition.Name == "OrderStatus");
        Assert.That(status.Text, Is.EqualTo("public enum OrderStatus\n{\n    Pending,\n    Paid = 2,\n    Shipped,\n}"));
        Assert.That(definitions.Single(definition => definition.Name == "Order").Text, Does.Not.Contain("_lines").And.Not.Contain("Recalculate"));
    }

    [Test]
    public async Task Typing_inside_a_method_body_binds_the_new_code_and_sees_edits_of_other_files()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        var path = fixture.PathOf("B/OrderService.cs");
        const string Before = """
            using Shop.Domain;

            namespace Shop.App;

            public class OrderService : OrderServiceBase
            {
                protected override string Name => "orders";

                public decimal Submit(Order order)
                {
                    var total = order.$0
                }
            }
            """;
        var (text, offset) = CSharpSolutionFixture.Cursor(Before);
        Assert.That((await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None)).Select(definition => definition.Name), Does.Contain("Order"));

        (text, offset) = CSharpSolutionFixture.Cursor(Before.Replace("var total = order.$0", "var total = order.Total;\n        var buyer = order.Customer;\n        buyer.$0", StringComparison.Ordinal));
        var typed = await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None);
        Assert.That(typed[0].Name, Is.EqualTo("Customer"), "a local declared in the new text binds");
        Assert.That(finder.ReusedModelCount, Is.EqualTo(1), "the edit inside the body reused the earlier model");

        fixture.Documents.Open(CSharpSolutionFixture.UriOf(fixture.PathOf("A/Order.cs")), "csharp", 1,
            CSharpSolutionFixture.OrderSource.Replace("public int Id { get; }", "public int Id { get; }\n\n    public int Weight { get; }", StringComparison.Ordinal));
        (text, offset) = CSharpSolutionFixture.Cursor(Before.Replace("var total = order.$0", "var total = order.W$0", StringComparison.Ordinal));
        var afterOtherEdit = await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None);
        Assert.That(afterOtherEdit.Single(definition => definition.Name == "Order").Text, Does.Contain("public int Weight { get; }"));
        Assert.That(finder.ReusedModelCount, Is.EqualTo(1), "another file's edit invalidates the earlier model");

        (text, offset) = CSharpSolutionFixture.Cursor(Before.Replace("var total = order.$0", "var total = order.We$0", StringComparison.Ordinal));
        Assert.That((await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None)).Single(definition => definition.Name == "Order").Text, Does.Contain("Weight"));
        Assert.That(finder.ReusedModelCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Typing_in_one_method_body_and_then_another_keeps_reusing_the_earlier_model()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        var path = fixture.PathOf("B/OrderService.cs");
        const string Source = """
            using Shop.Domain;

            namespace Shop.App;

            public class OrderService : OrderServiceBase
            {
                protected override string Name => "orders";

                public decimal Submit(Order order)
                {
                    FIRST
                    return 0;
                }

                public string Describe(Order order)
                {
                    SECOND
                    return "";
                }
            }
            """;
        static (string Text, int Offset) At(string first, string second, string members = "") => CSharpSolutionFixture.Cursor(
            Source.Replace("FIRST", first, StringComparison.Ordinal).Replace("SECOND", second, StringComparison.Ordinal)
                .Replace("    protected override string Name", members + "    protected override string Name", StringComparison.Ordinal));

        var (text, offset) = At("var total = order.$0", "");
        Assert.That((await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None)).Select(definition => definition.Name), Does.Contain("Order"));
        Assert.That(finder.ReusedModelCount, Is.Zero, "the first request builds the model later ones reuse");

        // The user finishes the first line, then moves on to the other method: two bodies differ from the model's text.
        (text, offset) = At("var total = order.Total;", "var buyer = order.Customer;\n        buyer.$0");
        var typed = await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None);
        Assert.That(typed[0].Name, Is.EqualTo("Customer"), "a local declared in the second body's new text binds");
        Assert.That(typed.Select(definition => definition.Name), Does.Contain("Order"), "the parameter and its type bind too");
        Assert.That(finder.ReusedModelCount, Is.EqualTo(1), "edits inside two method bodies reuse the earlier model");

        (text, offset) = At("var total = order.Total;\n        var count = order.$0", "var buyer = order.Customer;");
        Assert.That((await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None)).Select(definition => definition.Name), Does.Contain("Order"));
        Assert.That(finder.ReusedModelCount, Is.EqualTo(2), "back in the first body, still the earlier model");

        // A new field changes a declaration, so the next request builds a full model again, which sees the field's type.
        (text, offset) = At("var total = order.Total;\n        var count = _last.$0", "var buyer = order.Customer;", members: "    private Customer _last = null!;\n\n");
        var afterDeclaration = await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None);
        Assert.That(afterDeclaration.Select(definition => definition.Name), Does.Contain("Customer"));
        Assert.That(finder.ReusedModelCount, Is.EqualTo(2), "a change outside method bodies is never bound against the earlier model");
    }

    [Test]
    public async Task The_budget_trims_whole_definitions()
    {
        using var fixture = new CSharpSolutionFixture();
        var (text, offset) = CSharpSolutionFixture.Cursor("""
            using Shop.Domain;

            namespace Shop.App;

            public class OrderService : OrderServiceBase
            {
                public decimal Submit(Order order)
                {
                    var line = new OrderLine("a", 1m);
                    var total = order.$0
                }
            }
            """);
        await fixture.LoadAsync();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        var path = fixture.PathOf("B/OrderService.cs");

        var all = await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None);
        Assert.That(all.Count, Is.GreaterThanOrEqualTo(3), "Order, OrderLine and the base type fit the full budget");

        var smallBudget = all.Min(definition => definition.Text.Length) + 10;
        var trimmed = await finder.FindDefinitionsAsync(path, text, offset, smallBudget, CancellationToken.None);
        Assert.That(trimmed, Is.Not.Empty.And.Count.LessThan(all.Count));
        Assert.That(trimmed.Sum(definition => definition.Text.Length), Is.LessThanOrEqualTo(smallBudget));
        Assert.That(await finder.FindDefinitionsAsync(path, text, offset, 0, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Loose_files_without_any_csproj_resolve_too()
    {
        using var fixture = new CSharpSolutionFixture(withProjects: false);
        var definitions = await FindAsync(fixture, "loose/Main.cs", """
            public static class Program
            {
                public static int Main() => Script.Twice(2)$0;
            }
            """);

        Assert.That(definitions.Select(definition => definition.Name), Is.EqualTo(new[] { "Script" }));
        Assert.That(definitions[0].Text, Is.EqualTo("public static class Script\n{\n    public static int Twice(int value) { ... }\n}"));
    }

    [Test]
    public async Task Nothing_is_found_before_the_workspace_is_loaded_or_for_a_file_that_is_not_csharp()
    {
        using var fixture = new CSharpSolutionFixture();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        var (text, offset) = CSharpSolutionFixture.Cursor("class C { void M(Shop.Domain.Order order) { order.$0 } }");

        Assert.That(await finder.FindDefinitionsAsync(fixture.PathOf("B/OrderService.cs"), text, offset, Budget, CancellationToken.None), Is.Empty);

        await fixture.LoadAsync();
        Assert.That(await finder.FindDefinitionsAsync(fixture.PathOf("B/OrderService.cs"), text, offset, Budget, CancellationToken.None), Is.Not.Empty);
        Assert.That(await finder.FindDefinitionsAsync(fixture.PathOf("B/notes.txt"), text, offset, Budget, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task An_exhausted_time_budget_gives_nothing_and_a_cancelled_request_throws()
    {
        using var fixture = new CSharpSolutionFixture();
        await fixture.LoadAsync();
        var (text, offset) = CSharpSolutionFixture.Cursor("class C { void M(Shop.Domain.Order order) { order.$0 } }");
        var path = fixture.PathOf("B/OrderService.cs");

        var noTime = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TimeSpan.Zero);
        Assert.That(await noTime.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None), Is.Empty);

        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        await Assert.CatchAsync<OperationCanceledException>(async () =>
            await finder.FindDefinitionsAsync(path, text, offset, Budget, new CancellationToken(canceled: true)));
    }

    [Test]
    public async Task A_warm_request_in_a_5000_line_file_takes_milliseconds()
    {
        using var fixture = new CSharpSolutionFixture();
        var (text, offset) = CSharpSolutionFixture.Cursor(LargeFile(5000));
        var path = fixture.Write("B/Large.cs", text);
        var uri = CSharpSolutionFixture.UriOf(path);
        await fixture.LoadAsync();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        var document = fixture.Documents.Open(uri, "csharp", 1, text);
        Assert.That(await finder.FindDefinitionsAsync(path, text, offset, Budget, CancellationToken.None), Is.Not.Empty, "cold request");

        // As in an editing session: each keystroke reaches the store (and so the workspace), then completion asks.
        var timings = new List<double>();
        var cursor = document.PositionOf(offset);
        for (var i = 0; i < 30; i++)
        {
            document = fixture.Documents.Change(uri, document.Version + 1, [TextChange.Insert(cursor, "T")]);
            cursor = cursor with { Character = cursor.Character + 1 };
            var stopwatch = Stopwatch.StartNew();
            var definitions = await finder.FindDefinitionsAsync(path, document.Text, document.OffsetOf(cursor), Budget, CancellationToken.None);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.That(definitions.Select(definition => definition.Name), Does.Contain("Order"));
        }

        timings.Sort();
        var median = timings[timings.Count / 2];
        TestContext.Out.WriteLine($"5,000-line file ({document.LineCount} lines), warm, one keystroke per request: median {median:F1} ms, max {timings[^1]:F1} ms");
        Assert.That(median, Is.LessThan(100), "well inside the completion debounce even on a loaded CI machine");
        Assert.That(finder.ReusedModelCount, Is.GreaterThanOrEqualTo(25), "keystrokes inside the method body take the fast path");
    }

    private static string LargeFile(int lines)
    {
        var text = new StringBuilder("using Shop.Domain;\n\nnamespace Shop.App;\n\npublic class Large\n{\n");
        var method = 0;
        while (text.Length < lines * 30 && CountLines(text) < lines - 20)
        {
            text.Append($"    public decimal Method{method}(Order order, int count)\n    {{\n        var sum = 0m;\n        for (var i = 0; i < count; i++)\n        {{\n            sum += order.Total * i;\n        }}\n\n        return sum;\n    }}\n\n");
            method++;
        }

        text.Append("    public decimal Target(Order order)\n    {\n        return order.$0\n    }\n}\n");
        return text.ToString();
    }

    private static int CountLines(StringBuilder text)
    {
        var count = 0;
        foreach (var chunk in text.GetChunks())
        {
            count += chunk.Span.Count('\n');
        }

        return count;
    }

    private static async Task<IReadOnlyList<SymbolDefinition>> FindAsync(CSharpSolutionFixture fixture, string relativePath, string textWithCursor)
    {
        var (text, offset) = CSharpSolutionFixture.Cursor(textWithCursor);
        await fixture.LoadAsync();
        var finder = new CSharpDefinitionFinder(fixture.Workspace, TimeProvider.System, TestTimeBudget);
        return await finder.FindDefinitionsAsync(fixture.PathOf(relativePath), text, offset, Budget, CancellationToken.None);
    }
}
