using Microsoft.CodeAnalysis;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.NextEdit.Signature;
using Qoder.Lsp.Tests.CSharp;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>
/// A parameter added to or removed from a C# method or constructor, typed the way a user does it, followed to its call
/// sites and overrides across the two-project temp solution (A: Shop.Domain, B: Shop.App referencing A).
/// </summary>
public sealed class CSharpSignatureChangePredictorTests
{
    private const string CalculatorSource = """
        namespace Shop.Domain;

        public static class Calculator
        {
            public static int Scale(int value, int factor) => value * factor;

            public static int Twice(int value) => Scale(value, 2);
        }
        """;

    // A local named like the new parameter in one method, none in the other; a named call; a method group.
    private const string ReportSource = """
        using Shop.Domain;

        namespace Shop.App;

        public class Report
        {
            public int Build(int value)
            {
                var offset = 3;
                var a = Calculator.Scale(value, 4);
                var b = Calculator.Scale(factor: 5, value: value);
                Func<int, int, int> group = Calculator.Scale;
                return a + b + group(1, 2) + offset;
            }

            public static int Other(int value) => Calculator.Scale(value, 6);
        }
        """;

    private const string AccountSource = """
        namespace Shop.Domain;

        public class Account
        {
            public Account(string owner) { Owner = owner; }

            public Account() : this("nobody") { }

            public string Owner { get; }

            public override string ToString() => Owner;
        }

        public class SavingsAccount : Account
        {
            public SavingsAccount(string owner, decimal balance, decimal rate) : base(owner) { Rate = rate; }

            public decimal Rate { get; }
        }
        """;

    private const string BankSource = """
        using Shop.Domain;

        namespace Shop.App;

        public static class Bank
        {
            public static string Open()
            {
                var account = new Account("ann");
                Account other = new("bob");
                var savings = new SavingsAccount("cy", 10m, 0.1m);
                return account.ToString() + other + savings;
            }
        }
        """;

    private const string ShapeSource = """
        namespace Shop.Domain;

        public class Shape
        {
            public virtual double Area(double width, double height) => width * height;
        }

        public interface IPricer
        {
            decimal Price(decimal amount, int quantity);
        }
        """;

    private const string ShapesSource = """
        using Shop.Domain;

        namespace Shop.App;

        public class Square : Shape
        {
            public override double Area(double width, double height) => width * width;
        }

        public class Cube : Square
        {
            public override double Area(double width, double height) => 6 * width * width;
        }

        public sealed class FlatPricer : IPricer
        {
            public decimal Price(decimal amount, int quantity) => amount * quantity;
        }

        public sealed class BulkPricer : IPricer
        {
            decimal IPricer.Price(decimal amount, int quantity) => amount * quantity * 0.9m;
        }

        public static class Use
        {
            public static double Sum(Shape shape, IPricer pricer) => shape.Area(1, 2) + (double)pricer.Price(3m, 4);
        }
        """;

    [TestCase(", int factor$0)", ", int offset", "Scale(value, 2, default)", "Calculator.Scale(value, 4, offset)", "Calculator.Scale(factor: 5, value: value, offset: offset)", "Calculator.Scale(value, 6, default)")]
    [TestCase("Scale($0int value", "int offset, ", "Scale(default, value, 2)", "Calculator.Scale(offset, value, 4)", "Calculator.Scale(factor: 5, value: value, offset: offset)", "Calculator.Scale(default, value, 6)")]
    public async Task Adding_a_parameter_adds_an_argument_at_call_sites_in_both_files_named_after_a_variable_in_scope_or_default(
        string marker, string typed, string twice, string build, string named, string other)
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, marker, out var offset);

        context.Type(uri, offset, typed);
        var suggestions = await context.SuggestAsync(uri);

        var reportUri = context.UriOf("B/Report.cs");
        Assert.That(suggestions.Select(suggestion => suggestion.Edits[0].Uri), Is.EqualTo(new[] { uri, reportUri }), "the current file first");
        Assert.That(suggestions[0].Jump, Is.Null);
        Assert.That(suggestions[1].Jump, Is.EqualTo(new NextEditLocation(reportUri, suggestions[1].Edits[0].Range.Start)));
        Assert.That(suggestions[0].Description, Is.EqualTo("Scale: add argument 'offset' at 1 call site"));
        Assert.That(suggestions[1].Description, Is.EqualTo($"Scale: add argument 'offset' at 3 call sites in {reportUri}"));
        Assert.That(suggestions[1].Edits.Select(edit => edit.Version), Is.All.Null, "Report.cs is not open: its ranges refer to the file on disk");

        Assert.That(context.Applied(uri, suggestions[0]), Does.Contain($"=> {twice};"));
        var report = context.AppliedOnDisk("B/Report.cs", suggestions[1]);
        Assert.That(report, Does.Contain($"var a = {build};").And.Contain($"var b = {named};").And.Contain($"=> {other};"));
        Assert.That(report, Does.Contain("Func<int, int, int> group = Calculator.Scale;"), "a method group is left alone");
    }

    [TestCase(", int factor$0)", "Scale(value)", "Calculator.Scale(value)", "Calculator.Scale(value: value)")]
    [TestCase("Scale($0int value, ", "Scale(2)", "Calculator.Scale(4)", "Calculator.Scale(factor: 5)")]
    public async Task Removing_a_parameter_removes_its_positional_or_named_argument_with_the_comma(string marker, string twice, string build, string named)
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, marker, out var offset);
        var reportUri = context.OpenExisting("B/Report.cs", ReportSource);

        // Backspace over ", int factor" (or forward-delete "int value, "), one key at a time.
        var removed = marker.StartsWith(',') ? ", int factor" : "int value, ";
        context.Delete(uri, marker.StartsWith(',') ? offset - removed.Length : offset, removed.Length, backwards: marker.StartsWith(','));
        var suggestions = await context.SuggestAsync(uri);

        Assert.That(suggestions, Has.Count.EqualTo(2));
        Assert.That(suggestions[1].Edits.Select(edit => edit.Version), Is.All.EqualTo(1), "Report.cs is open: its ranges refer to its version");
        Assert.That(context.Applied(uri, suggestions[0]), Does.Contain($"=> {twice};"));
        var report = context.Applied(reportUri, suggestions[1]);
        Assert.That(report, Does.Contain($"var a = {build};").And.Contain($"var b = {named};"));
        Assert.That(report, Does.Contain("Func<int, int, int> group = Calculator.Scale;"));
    }

    [Test]
    public async Task An_extension_method_called_on_its_receiver_and_statically_gets_the_argument_at_the_same_parameter()
    {
        const string Pricing = """
            using Shop.Domain;

            namespace Shop.App;

            public static class Pricing
            {
                public static decimal Both(Order order) => order.Discounted(0.1m) + OrderExtensions.Discounted(order, 0.2m) + order?.Discounted(0.3m) ?? 0m;

                public static decimal Chained(Order order) => Wrap(order.Discounted(0.4m)).Discounted(0.5m);

                private static Order Wrap(decimal amount) => new((int)amount, new Customer("x", "y"));
            }
            """;
        using var context = await Context.StartAsync(("B/Pricing.cs", Pricing));
        var uri = context.Open("A/Customer.cs", CSharpSolutionFixture.CustomerSource, "decimal rate$0)", out var offset);

        context.Type(uri, offset, ", int digits");
        var suggestions = await context.SuggestAsync(uri);

        Assert.That(context.AppliedOnDisk("B/Pricing.cs", suggestions.Single()), Does.Contain(
            "=> order.Discounted(0.1m, default) + OrderExtensions.Discounted(order, 0.2m, default) + order?.Discounted(0.3m, default) ?? 0m;")
            .And.Contain("=> Wrap(order.Discounted(0.4m, default)).Discounted(0.5m, default);"), "a call in another call's receiver");
    }

    [Test]
    public async Task Call_sites_the_user_already_updated_are_not_suggested_again()
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, ", int factor$0)", out var offset);
        var reportUri = context.OpenExisting("B/Report.cs", ReportSource);
        context.Type(uri, offset, ", int offset");
        var first = await context.SuggestAsync(uri);
        Assert.That(first, Has.Count.EqualTo(2));

        // The user accepts the suggestion for Report.cs (the client applies it), and asks again in Calculator.cs.
        context.ApplyToOpenDocument(reportUri, first[1]);
        var second = await context.SuggestAsync(uri);

        Assert.That(second.Select(suggestion => suggestion.Edits[0].Uri), Is.EqualTo(new[] { uri }), "Report.cs's calls no longer bind to the old signature");
        Assert.That(context.Applied(uri, second[0]), Does.Contain("=> Scale(value, 2, default);"));
    }

    [Test]
    public async Task A_parameter_typed_in_several_pauses_is_one_change()
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, ", int factor$0)", out var offset);

        context.Type(uri, offset, ", int");
        context.Pause();
        Assert.That(await context.SuggestAsync(uri), Is.Empty, "'int' without a name is no parameter yet");
        context.Type(uri, offset + ", int".Length, " ");
        context.Pause();
        context.Type(uri, offset + ", int ".Length, "offset");
        var suggestions = await context.SuggestAsync(uri);

        Assert.That(context.Applied(uri, suggestions[0]), Does.Contain("=> Scale(value, 2, default);"));
        Assert.That(suggestions, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Adding_a_constructor_parameter_updates_new_target_typed_new_this_and_base_initializers()
    {
        using var context = await Context.StartAsync(("A/Account.cs", AccountSource), ("B/Bank.cs", BankSource));
        var uri = context.Open("A/Account.cs", AccountSource, "Account(string owner$0)", out var offset);

        context.Type(uri, offset, ", decimal balance");
        var suggestions = await context.SuggestAsync(uri);

        var account = context.Applied(uri, suggestions[0]);
        Assert.That(account, Does.Contain("public Account() : this(\"nobody\", default) { }"));
        Assert.That(account, Does.Contain(": base(owner, balance) { Rate = rate; }"), "the derived constructor's own parameter is in scope");
        Assert.That(suggestions[0].Description, Is.EqualTo("Account: add argument 'balance' at 2 call sites"));
        var bank = context.AppliedOnDisk("B/Bank.cs", suggestions[1]);
        Assert.That(bank, Does.Contain("new Account(\"ann\", default);").And.Contain("Account other = new(\"bob\", default);"));
        Assert.That(bank, Does.Contain("new SavingsAccount(\"cy\", 10m, 0.1m);"), "another constructor");
        await context.AssertCompilesAsync((uri, account), ("B/Bank.cs", bank));
    }

    [Test]
    public async Task Adding_a_parameter_to_a_records_primary_constructor_updates_new_and_a_derived_records_base_arguments()
    {
        const string Money = """
            namespace Shop.Domain;

            public record Money(decimal Amount, string Currency);

            public record Tagged(decimal Amount, string Currency, int Scale) : Money(Amount, Currency);
            """;
        const string Prices = """
            using Shop.Domain;

            namespace Shop.App;

            public static class Prices
            {
                public static Money Euro(decimal amount) => new Money(amount, "EUR") with { Amount = amount };

                public static Money Dollar() { Money money = new(1m, "USD"); return money; }
            }
            """;
        using var context = await Context.StartAsync(("A/Money.cs", Money), ("B/Prices.cs", Prices));
        var uri = context.Open("A/Money.cs", Money, "Money(decimal Amount, string Currency$0);", out var offset);

        context.Type(uri, offset, ", int Scale");
        var suggestions = await context.SuggestAsync(uri);

        var money = context.Applied(uri, suggestions[0]);
        Assert.That(money, Does.Contain(": Money(Amount, Currency, Scale);"), "the derived record's own parameter is in scope");
        var prices = context.AppliedOnDisk("B/Prices.cs", suggestions[1]);
        Assert.That(prices, Does.Contain("new Money(amount, \"EUR\", default) with { Amount = amount };").And.Contain("Money money = new(1m, \"USD\", default);"));
        await context.AssertCompilesAsync((uri, money), ("B/Prices.cs", prices));
    }

    [Test]
    public async Task Adding_a_parameter_to_a_virtual_method_adds_it_to_every_override_and_removing_one_from_an_interface_method_to_its_implementations()
    {
        using var context = await Context.StartAsync(("A/Shape.cs", ShapeSource), ("B/Shapes.cs", ShapesSource));
        var uri = context.Open("A/Shape.cs", ShapeSource, "Area(double width, double height$0)", out var offset);

        context.Type(uri, offset, ", double depth");
        var area = await context.SuggestAsync(uri);

        Assert.That(area.Select(suggestion => suggestion.Description), Is.EqualTo(new[]
        {
            $"Area: add argument 'depth' at 1 call site, add parameter 'depth' in 2 overrides in {context.UriOf("B/Shapes.cs")}",
        }), "Shape.cs has no call; the base declaration is the user's own");
        var shapes = context.AppliedOnDisk("B/Shapes.cs", area[0]);
        Assert.That(shapes, Does.Contain("public override double Area(double width, double height, double depth) => width * width;"));
        Assert.That(shapes, Does.Contain("public override double Area(double width, double height, double depth) => 6 * width * width;"));
        Assert.That(shapes, Does.Contain("shape.Area(1, 2, default)"));

        context.Pause();
        var pricer = context.Open("A/Shape.cs", ShapeSource, "Price(decimal amount$0, int quantity)", out offset);
        context.Delete(pricer, offset, ", int quantity".Length, backwards: false);
        var price = await context.SuggestAsync(pricer);

        var updated = context.AppliedOnDisk("B/Shapes.cs", price.Single());
        Assert.That(updated, Does.Contain("public decimal Price(decimal amount) => amount * quantity;"));
        Assert.That(updated, Does.Contain("decimal IPricer.Price(decimal amount) => amount * quantity * 0.9m;"), "the explicit implementation too");
        Assert.That(updated, Does.Contain("(double)pricer.Price(3m)"));
    }

    [Test]
    public async Task Editing_an_override_changes_the_overrides_below_it_never_the_base_or_the_interface()
    {
        using var context = await Context.StartAsync(("A/Shape.cs", ShapeSource), ("B/Shapes.cs", ShapesSource));
        var uri = context.OpenExisting("B/Shapes.cs", ShapesSource);
        var squareArea = ShapesSource.IndexOf("height) => width * width", StringComparison.Ordinal) + "height".Length;

        context.Type(uri, squareArea, ", double depth");
        var square = await context.SuggestAsync(uri);

        var applied = context.Applied(uri, square.Single());
        Assert.That(applied, Does.Contain("public override double Area(double width, double height, double depth) => 6 * width * width;"), "Cube overrides Square");
        Assert.That(square.Single().Edits.Select(edit => edit.Uri), Is.All.EqualTo(uri), "Shape.Area is not touched");
        Assert.That(applied, Does.Contain("shape.Area(1, 2)"), "a call through the base binds to Shape.Area, which did not change");

        context.Pause();
        var flat = context.TextOf(uri).IndexOf("public decimal Price(decimal amount", StringComparison.Ordinal) + "public decimal Price(decimal amount".Length;
        context.Delete(uri, flat, ", int quantity".Length, backwards: false);
        Assert.That(await context.SuggestAsync(uri), Is.Empty, "IPricer.Price and BulkPricer's implementation of it stay as they are");
    }

    [TestCase(", int", "a type without a name")]
    [TestCase(", int offset =", "a default value missing")]
    public async Task Nothing_is_suggested_for_an_incomplete_parameter_list(string typed, string why)
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, ", int factor$0)", out var offset);

        context.Type(uri, offset, typed);

        Assert.That(await context.SuggestAsync(uri), Is.Empty, why);
        Assert.That(await context.PredictAsync(uri), Is.Null);
    }

    [Test]
    public async Task Nothing_is_suggested_while_the_closing_parenthesis_is_missing()
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, ", int factor$0)", out var offset);

        // Delete the ')' and type ", int offset" where it was.
        context.Delete(uri, offset, 1, backwards: false);
        context.Type(uri, offset, ", int offset");

        Assert.That(await context.SuggestAsync(uri), Is.Empty);
        Assert.That(await context.PredictAsync(uri), Is.Null);
    }

    [TestCase("int factor", "long factor", "a changed type")]
    [TestCase("int factor", "int multiplier", "a renamed parameter")]
    [TestCase("int factor", "long multiplier", "a changed type and name")]
    public async Task Nothing_is_suggested_when_a_parameter_only_changed_its_type_or_name(string from, string to, string why)
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, $"$0{from})", out var offset);

        context.Replace(uri, offset, from.Length, to);

        // An edit of identifier characters only is a rename, which the rename predictor answers.
        var suggestions = await context.SuggestAsync(uri);
        Assert.That(suggestions.Select(suggestion => suggestion.Description), Has.All.StartWith("rename"), why);
        Assert.That(await context.PredictAsync(uri), Is.Null, why + ": no signature change");
    }

    [Test]
    public async Task An_optional_parameter_added_at_the_end_needs_no_call_site_edit_and_one_in_the_middle_names_the_arguments_after_it()
    {
        const string Source = """
            namespace Shop.Domain;

            public static class Formatter
            {
                public static string Pad(string text, int width = 10) => text.PadLeft(width);

                public static string Both(string text) => Pad(text, 4) + Pad(text);
            }
            """;
        using var context = await Context.StartAsync(("A/Formatter.cs", Source));
        var uri = context.Open("A/Formatter.cs", Source, "int width = 10$0)", out var offset);

        context.Type(uri, offset, ", char fill = ' '");

        Assert.That(await context.SuggestAsync(uri), Is.Empty);
        var atEnd = await context.PredictAsync(uri);
        Assert.That(atEnd, Is.Not.Null, "a signature change was recognised");
        Assert.That((atEnd!.Change.Kind, atEnd.Change.ParameterName, atEnd.Change.IsOptional), Is.EqualTo((SignatureChangeKind.ParameterAdded, "fill", true)));
        Assert.That(atEnd.Sites, Is.Empty);

        context.Pause();
        var middle = context.TextOf(uri).IndexOf("string text, ", StringComparison.Ordinal) + "string text, ".Length;
        context.Type(uri, middle, "bool trim = false, ");
        var suggestions = await context.SuggestAsync(uri);

        Assert.That(context.Applied(uri, suggestions.Single()), Does.Contain("=> Pad(text, width: 4) + Pad(text);"),
            "4 would now bind to trim: it is named for the parameter it meant");
    }

    [Test]
    public async Task Nothing_is_suggested_for_an_override_of_a_framework_member()
    {
        using var context = await Context.StartAsync(("A/Account.cs", AccountSource), ("B/Bank.cs", BankSource));
        var uri = context.Open("A/Account.cs", AccountSource, "ToString($0)", out var offset);

        context.Type(uri, offset, "int width");

        Assert.That(await context.SuggestAsync(uri), Is.Empty, "account.ToString() binds through object.ToString, which the edit cannot change");
        Assert.That(await context.PredictAsync(uri), Is.Null);
    }

    [Test]
    public async Task A_repeated_request_reuses_the_prediction_and_a_rejected_change_is_not_offered_again()
    {
        using var context = await Context.StartAsync(("A/Calculator.cs", CalculatorSource), ("B/Report.cs", ReportSource));
        var uri = context.Open("A/Calculator.cs", CalculatorSource, ", int factor$0)", out var offset);
        context.Type(uri, offset, ", int offset");

        var first = await context.SuggestAsync(uri);
        var second = await context.SuggestAsync(uri);

        Assert.That(second.Select(suggestion => suggestion.Edits), Is.EqualTo(first.Select(suggestion => suggestion.Edits)));
        Assert.That(context.Service.SignaturePredictionRuns, Is.EqualTo(1));
        foreach (var suggestion in second)
        {
            context.Service.OnShown(suggestion.Id);
        }

        Assert.That(await context.SuggestAsync(uri), Is.Empty, "the shown suggestions were left unanswered: rejected");
    }

    /// <summary>The solution fixture, a service over it on a hand-moved clock, and typing helpers.</summary>
    private sealed class Context : IDisposable
    {
        private readonly CSharpSolutionFixture _fixture = new();

        private Context()
        {
            Service = new NextEditService(_fixture.Documents, _fixture.Workspace, () => new NextEditSettings(), Clock);
        }

        public FakeEditClock Clock { get; } = new();

        public NextEditService Service { get; }

        public static async Task<Context> StartAsync(params (string Path, string Text)[] files)
        {
            var context = new Context();
            foreach (var (path, text) in files)
            {
                context._fixture.Write(path, text);
            }

            await context._fixture.LoadAsync();
            return context;
        }

        public string UriOf(string relative) => CSharpSolutionFixture.UriOf(_fixture.PathOf(relative));

        /// <summary>Opens the file (unless it is open) and returns its uri; <paramref name="offset"/> is where <c>$0</c> stands in <paramref name="marker"/>.</summary>
        public string Open(string relative, string text, string marker, out int offset)
        {
            var uri = UriOf(relative);
            if (_fixture.Documents.TryGet(uri, out var open))
            {
                text = open.Text;
            }
            else
            {
                _fixture.Documents.Open(uri, "csharp", 1, text);
            }

            var at = text.IndexOf(marker.Replace("$0", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThanOrEqualTo(0), marker);
            offset = at + marker.IndexOf("$0", StringComparison.Ordinal);
            return uri;
        }

        public string OpenExisting(string relative, string text)
        {
            var uri = UriOf(relative);
            _fixture.Documents.Open(uri, "csharp", 1, text);
            return uri;
        }

        public string TextOf(string uri) => _fixture.Documents.TryGet(uri, out var document) ? document.Text : throw new InvalidOperationException(uri);

        /// <summary>Types <paramref name="text"/> at <paramref name="offset"/>, one key at a time.</summary>
        public void Type(string uri, int offset, string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                Change(uri, offset + i, 0, text[i].ToString());
            }
        }

        /// <summary>Deletes <paramref name="length"/> characters from <paramref name="offset"/> one key at a time, with backspace or delete.</summary>
        public void Delete(string uri, int offset, int length, bool backwards)
        {
            for (var i = 0; i < length; i++)
            {
                Change(uri, backwards ? offset + length - 1 - i : offset, 1, "");
            }
        }

        /// <summary>Selects <paramref name="length"/> characters and pastes <paramref name="text"/> over them in one change.</summary>
        public void Replace(string uri, int offset, int length, string text) => Change(uri, offset, length, text);

        /// <summary>Longer than the history's coalescing window: the next key starts a new step.</summary>
        public void Pause() => Clock.Now += TimeSpan.FromSeconds(10);

        public Task<IReadOnlyList<NextEditSuggestion>> SuggestAsync(string uri) => Service.SuggestAsync(uri, CancellationToken.None);

        /// <summary>The predictor itself, over the same steps the service would give it.</summary>
        public Task<SignatureChangePrediction?> PredictAsync(string uri)
        {
            _fixture.Documents.TryGet(uri, out var document);
            var steps = Service.History.Steps.Where(step => step.Uri == uri).TakeLast(SignatureChangeDetector.MaxSteps).ToList();
            return CSharpSignatureChangePredictor.PredictAsync(steps, document!, _fixture.Workspace, _fixture.Documents.All, CancellationToken.None);
        }

        public string Applied(string uri, NextEditSuggestion suggestion)
        {
            _fixture.Documents.TryGet(uri, out var document);
            Assert.That(suggestion.Edits.Select(edit => (edit.Uri, edit.Version)), Is.All.EqualTo((uri, (int?)document!.Version)));
            return TextEdits.Apply(document, [.. suggestion.Edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
        }

        public void ApplyToOpenDocument(string uri, NextEditSuggestion suggestion)
        {
            _fixture.Documents.TryGet(uri, out var document);
            Clock.Now += TimeSpan.FromSeconds(1);
            _fixture.Documents.Change(uri, document!.Version + 1, [.. suggestion.Edits.OrderByDescending(edit => edit.Range.Start).Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
        }

        public string AppliedOnDisk(string relative, NextEditSuggestion suggestion)
        {
            Assert.That(suggestion.Edits.Select(edit => edit.Uri), Is.All.EqualTo(UriOf(relative)));
            var text = File.ReadAllText(_fixture.PathOf(relative));
            return TextEdits.Apply(new Qoder.Lsp.Core.Text.TextDocument("file:///x", "csharp", 0, text), [.. suggestion.Edits.Select(edit => TextChange.Replace(edit.Range, edit.NewText))]);
        }

        /// <summary>The solution with these texts (the open document's by uri, others by relative path) compiles without errors.</summary>
        public async Task AssertCompilesAsync(params (string UriOrPath, string Text)[] texts)
        {
            var solution = _fixture.Workspace.CurrentSolution!;
            foreach (var (uriOrPath, text) in texts)
            {
                var path = DocumentUris.TryGetLocalPath(uriOrPath) ?? _fixture.PathOf(uriOrPath);
                solution = solution.WithDocumentText(solution.GetDocumentIdsWithFilePath(path)[0], Microsoft.CodeAnalysis.Text.SourceText.From(text));
            }

            foreach (var project in solution.Projects)
            {
                var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
                Assert.That(errors.Select(error => error.ToString()), Is.Empty, project.Name);
            }
        }

        public void Dispose()
        {
            Service.Dispose();
            _fixture.Dispose();
        }

        private void Change(string uri, int offset, int length, string text)
        {
            _fixture.Documents.TryGet(uri, out var document);
            Clock.Now += TimeSpan.FromMilliseconds(120);
            _fixture.Documents.Change(uri, document!.Version + 1, [TextChange.Replace(new LineRange(document.PositionOf(offset), document.PositionOf(offset + length)), text)]);
        }
    }
}
