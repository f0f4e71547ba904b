using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

public sealed class TextEditsTests
{
    [TestCase("hello world", "hello brave world", "[(0,6)-(0,6)] <- \"brave \"")]
    [TestCase("hello brave world", "hello world", "[(0,6)-(0,12)] <- \"\"")]
    [TestCase("a\nb\nc\n", "a\nB\nc\n", "[(1,0)-(1,1)] <- \"B\"")]
    [TestCase("", "new", "[(0,0)-(0,0)] <- \"new\"")]
    [TestCase("old", "", "[(0,0)-(0,3)] <- \"\"")]
    [TestCase("aaa", "aaaa", "[(0,3)-(0,3)] <- \"a\"")]
    // The prefix "a\r" and the suffix "\nb" are common, but neither may end inside the \r\n of the old text.
    [TestCase("a\r\nb", "a\rb", "[(0,1)-(1,0)] <- \"\r\"")]
    [TestCase("a\r\nb", "a\nb", "[(0,1)-(1,0)] <- \"\n\"")]
    // 😀 and 😁 share their high surrogate, which must not be split off as common prefix.
    [TestCase("x😀y", "x😁y", "[(0,1)-(0,3)] <- \"😁\"")]
    public void MinimalChange_keeps_the_common_prefix_and_suffix(string oldText, string newText, string expected)
    {
        var change = TextEdits.MinimalChange(oldText, newText);

        Assert.That(change?.ToString(), Is.EqualTo(expected));
        Assert.That(new TextDocument("file:///a.txt", "plaintext", 1, oldText).WithChanges(2, [change!]).Text, Is.EqualTo(newText));
    }

    [Test]
    public void MinimalChange_of_equal_texts_is_null()
    {
        Assert.That(TextEdits.MinimalChange("same\r\ntext", "same\r\ntext"), Is.Null);
        Assert.That(TextEdits.MinimalChange(new TextDocument("file:///a.txt", "plaintext", 1, ""), ""), Is.Null);
    }

    [Test]
    public void Apply_takes_every_range_from_the_original_text_in_any_order()
    {
        var marked = MarkedText.Parse("$0int $1x$2 = 1;\nreturn $3x$4;$5");
        var document = marked.ToDocument();

        var text = TextEdits.Apply(document,
        [
            TextChange.Replace(marked.Range(3, 4), "count"),
            TextChange.Insert(marked.Position(5), "\n"),
            TextChange.Replace(marked.Range(1, 2), "count"),
            TextChange.Insert(marked.Position(0), "// renamed\n"),
        ]);

        Assert.That(text, Is.EqualTo("// renamed\nint count = 1;\nreturn count;\n"));
        Assert.That(document.Text, Is.EqualTo(marked.Text));
    }

    [Test]
    public void Insertions_at_one_position_keep_their_order_and_go_before_a_replacement_starting_there()
    {
        var marked = MarkedText.Parse("a$0bc$1d");
        var document = marked.ToDocument();

        var text = TextEdits.Apply(document,
        [
            TextChange.Replace(marked.Range(0, 1), "X"),
            TextChange.Insert(marked.Position(0), "1"),
            TextChange.Insert(marked.Position(1), "3"),
            TextChange.Insert(marked.Position(0), "2"),
        ]);

        Assert.That(text, Is.EqualTo("a12X3d"));
    }

    [Test]
    public void Touching_ranges_are_not_an_overlap()
    {
        var marked = MarkedText.Parse("$0ab$1cd$2");

        var text = TextEdits.Apply(marked.ToDocument(), [TextChange.Replace(marked.Range(1, 2), "2"), TextChange.Replace(marked.Range(0, 1), "1")]);

        Assert.That(text, Is.EqualTo("12"));
    }

    [Test]
    public void A_whole_document_edit_alone_replaces_the_text()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "old");

        Assert.That(TextEdits.Apply(document, [TextChange.FullText("new")]), Is.EqualTo("new"));
        Assert.That(TextEdits.Apply(document, []), Is.EqualTo("old"));
    }

    private static IEnumerable<TestCaseData> OverlappingEdits()
    {
        yield return Case("same range twice", "$0abc$1", [(0, 1, "x"), (0, 1, "y")], "edits 1 ([(0,0)-(0,3)]) and 2 ([(0,0)-(0,3)]) overlap");
        yield return Case("crossing ranges", "a$0b$1c$2d$3e", [(1, 3, "x"), (0, 2, "y")], "edits 1 ([(0,2)-(0,4)]) and 2 ([(0,1)-(0,3)]) overlap");
        yield return Case("insertion inside a replaced range", "$0ab$1c$2", [(0, 2, "x"), (1, 1, "y")], "edits 1 ([(0,0)-(0,3)]) and 2 ([(0,2)-(0,2)]) overlap");
        yield return Case("insertion inside a range across lines", "a$0b\nc$2d\ne$1f", [(0, 1, "x"), (2, 2, "y")], "edits 1 ([(0,1)-(2,1)]) and 2 ([(1,1)-(1,1)]) overlap");

        static TestCaseData Case(string name, string fixture, (int Start, int End, string Text)[] edits, string message) =>
            new TestCaseData(fixture, edits, message).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(OverlappingEdits))]
    public void Overlapping_edits_are_rejected_naming_both(string fixture, (int Start, int End, string Text)[] edits, string message)
    {
        var marked = MarkedText.Parse(fixture);
        var document = marked.ToDocument();

        var changes = edits.Select(e => TextChange.Replace(marked.Range(e.Start, e.End), e.Text)).ToArray();

        Assert.That(() => TextEdits.Apply(document, changes), Throws.TypeOf<TextDocumentEditException>().With.Message.Contains(message));
        Assert.That(document.Text, Is.EqualTo(marked.Text));
    }

    [Test]
    public void A_whole_document_edit_overlaps_any_edit_inside_the_document()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "abc");

        Assert.That(TextEdits.Apply(document, [TextChange.Insert(new LinePosition(0, 3), "!"), TextChange.FullText("new")]), Is.EqualTo("new!"));
        Assert.That(
            () => TextEdits.Apply(document, [TextChange.Insert(new LinePosition(0, 1), "d"), TextChange.FullText("new")]),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains("the whole document"));
    }

    [TestCase(0, 9, "character 9 is past the end of line 0")]
    [TestCase(3, 0, "line 3 is past the last line (1)")]
    [TestCase(0, 2, "splits a UTF-16 surrogate pair")]
    public void Apply_checks_positions_as_strictly_as_didChange(int line, int character, string message)
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "a😀\nb");

        Assert.That(
            () => TextEdits.Apply(document, [TextChange.Insert(new LinePosition(1, 0), "ok"), TextChange.Insert(new LinePosition(line, character), "x")]),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains("edit 2 of 2").And.Message.Contains(message));
    }
}
