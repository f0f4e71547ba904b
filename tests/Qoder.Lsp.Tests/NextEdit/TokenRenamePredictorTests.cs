using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>Token-accurate rename propagation: before/after fixtures with a <c>$0</c> at the identifier the user renames.</summary>
public sealed class TokenRenamePredictorTests
{
    [Test]
    public async Task Renaming_at_the_declaration_renames_the_other_uses_but_never_in_strings_or_comments()
    {
        const string Uri = "file:///repo/report.js";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "javascript", """
            let $0total = 0;
            // total is the running total
            for (const item of items) { total += item.price; /* not total */ }
            console.log("total: " + total, 'total', `total ${total}`, totals, subtotal, obj.total);
            """);

        fixture.TypeOver(Uri, offset, "sum");
        var suggestions = await fixture.SuggestAsync(Uri);

        Assert.That(suggestions, Has.Count.EqualTo(1));
        Assert.That(suggestions[0].Jump, Is.Null, "the edits are in the document the user is in");
        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("""
            let sum = 0;
            // total is the running total
            for (const item of items) { sum += item.price; /* not total */ }
            console.log("total: " + sum, 'total', `total ${sum}`, totals, subtotal, obj.sum);
            """), "whole identifier tokens only; a template literal's hole is code, its text is not");
    }

    [Test]
    public async Task Hash_comments_and_triple_quoted_strings_are_left_alone_in_python()
    {
        const string Uri = "file:///repo/calc.py";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "python", """"
            def area(width, height):
                """width times height"""
                # width in metres
                return $0width * height  # width again
            print(area(width=2, height=3), "width")
            """");

        fixture.TypeOver(Uri, offset, "span");
        var suggestions = await fixture.SuggestAsync(Uri);

        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo(""""
            def area(span, height):
                """width times height"""
                # width in metres
                return span * height  # width again
            print(area(span=2, height=3), "width")
            """"), "renaming at a use renames the declaration too (token-accurate: also the keyword argument)");
    }

    [Test]
    public async Task A_word_renamed_inside_a_comment_may_be_renamed_in_comments_and_code()
    {
        const string Uri = "file:///repo/a.go";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "go", "// $0count items\nvar count = 1 // count\n");

        fixture.TypeOver(Uri, offset, "total");

        Assert.That(fixture.Applied(Uri, await fixture.SuggestAsync(Uri)), Is.EqualTo("// total items\nvar total = 1 // total\n"));
    }

    [Test]
    public async Task Other_open_documents_of_the_same_language_get_their_own_item_with_a_jump()
    {
        const string Uri = "file:///repo/a.ts";
        const string Other = "file:///repo/b.ts";
        const string Markdown = "file:///repo/README.md";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "typescript", "export function $0load() {}\nload();\n");
        fixture.Open(Other, "typescript", "import { load } from './a';\n\nload();\n");
        fixture.Open(Markdown, "markdown", "Call load() first.\n");

        fixture.TypeOver(Uri, offset, "fetchAll");
        var suggestions = await fixture.SuggestAsync(Uri);

        Assert.That(suggestions.Select(suggestion => suggestion.Edits[0].Uri), Is.EqualTo(new[] { Uri, Other }), "current file first; markdown is another language");
        Assert.That(suggestions[1].Jump, Is.EqualTo(new Qoder.Lsp.NextEdit.NextEditLocation(Other, new LinePosition(0, 9))));
        Assert.That(fixture.Applied(Other, suggestions), Is.EqualTo("import { fetchAll } from './a';\n\nfetchAll();\n"));
        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("export function fetchAll() {}\nfetchAll();\n"));
    }

    [Test]
    public async Task Asking_again_with_nothing_changed_reuses_the_prediction_and_a_change_anywhere_recomputes_it()
    {
        const string Uri = "file:///repo/a.ts";
        const string Other = "file:///repo/b.ts";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "typescript", "let $0n = 1;\nn++;\n");
        fixture.Open(Other, "typescript", "n;\n");
        fixture.TypeOver(Uri, offset, "count");

        var first = await fixture.SuggestAsync(Uri);
        var second = await fixture.SuggestAsync(Uri);
        fixture.Change(Other, new LineRange(0, 2, 0, 2), " n;");
        var third = await fixture.SuggestAsync(Uri);

        Assert.That(fixture.Service.PredictionRuns, Is.EqualTo(2), "the second request reused the first prediction");
        Assert.That(second.Select(suggestion => suggestion.Edits), Is.EqualTo(first.Select(suggestion => suggestion.Edits)));
        Assert.That(second[0].Id, Is.Not.EqualTo(first[0].Id), "each answer has its own items");
        Assert.That(third[1].Edits.Select(edit => (edit.Version, edit.Range.Start.Character)), Is.EqualTo(new[] { ((int?)2, 0), (2, 3) }),
            "the other document's change is in the new answer");
    }

    [Test]
    public async Task No_suggestion_while_the_rename_is_incomplete_or_when_the_edit_is_no_rename()
    {
        const string Uri = "file:///repo/c.c";
        using var fixture = new NextEditFixture();
        fixture.Open(Uri, "c", "int total = 0;\ntotal++;\n");

        // Deleting the name leaves no identifier.
        fixture.Change(Uri, new LineRange(0, 4, 0, 9), "");
        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
        // Typing the name back is no rename at all.
        fixture.Change(Uri, new LineRange(0, 4, 0, 4), "total");
        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
        // Backspacing the end of the name leaves a prefix of it: the user is still typing.
        fixture.Change(Uri, new LineRange(0, 8, 0, 9), "");
        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
        // Typing punctuation is not a rename.
        fixture.Change(Uri, new LineRange(1, 5, 1, 7), "--");
        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
    }

    [Test]
    public async Task An_edit_that_is_not_the_documents_latest_change_is_not_propagated()
    {
        const string Uri = "file:///repo/d.rs";
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "rust", "let $0n = 1;\nprintln!(\"{}\", n);\n");
        fixture.TypeOver(Uri, offset, "count");
        fixture.Change(Uri, new LineRange(1, 0, 1, 0), "\n");

        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty, "the latest step is the line break");
    }

    [Test]
    public async Task Next_edit_can_be_turned_off_globally_per_language_and_per_extension()
    {
        foreach (var settings in new[]
                 {
                     new NextEditSettings { Enabled = false },
                     new NextEditSettings { DisabledLanguages = ["JavaScript"] },
                     new NextEditSettings { DisabledExtensions = ["js"] },
                 })
        {
            const string Uri = "file:///repo/x.js";
            using var fixture = new NextEditFixture(settings);
            var offset = fixture.Open(Uri, "javascript", "let $0a = 1; a++;\n");
            fixture.TypeOver(Uri, offset, "b");

            Assert.That(await fixture.SuggestAsync(Uri), Is.Empty, settings.ToString());
        }
    }

    [Test]
    public void Identifiers_in_the_holes_of_interpolated_strings_are_code()
    {
        AssertKinds("$\"a {b} {{c}}\" f'd {e}' `f ${g}` \"h {i}\"", "csharp",
            ("a", TokenKind.String), ("b", TokenKind.Code), ("c", TokenKind.String), ("f", TokenKind.Code),
            ("d", TokenKind.String), ("e", TokenKind.Code), ("f", TokenKind.String), ("g", TokenKind.Code),
            ("h", TokenKind.String), ("i", TokenKind.String));
    }

    [Test]
    public void The_tokenizer_classifies_code_comments_and_strings()
    {
        const string Text = "a /* b */ c // d\n\"e\" 'f' @\"g\"\"h\" 0x1F i";
        var tokens = IdentifierTokenizer.Tokenize(Text, "csharp");

        Assert.That(tokens.Select(token => (Text.Substring(token.Start, token.Length), token.Kind)), Is.EqualTo(new[]
        {
            ("a", TokenKind.Code), ("b", TokenKind.Comment), ("c", TokenKind.Code), ("d", TokenKind.Comment),
            ("e", TokenKind.String), ("f", TokenKind.String), ("g", TokenKind.String), ("h", TokenKind.String), ("i", TokenKind.Code),
        }));
    }

    private static void AssertKinds(string text, string languageId, params (string Word, TokenKind Kind)[] expected)
    {
        var tokens = IdentifierTokenizer.Tokenize(text, languageId).Where(token => text.Substring(token.Start, token.Length) != "$");
        Assert.That(tokens.Select(token => (text.Substring(token.Start, token.Length), token.Kind)), Is.EqualTo(expected), text);
    }
}
