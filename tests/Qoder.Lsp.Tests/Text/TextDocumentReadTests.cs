using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

public sealed class TextDocumentReadTests
{
    [TestCase("", new[] { "" })]
    [TestCase("abc", new[] { "abc" })]
    [TestCase("a\nb\r\nc\rd", new[] { "a", "b", "c", "d" })]
    [TestCase("a\n", new[] { "a", "" })]
    [TestCase("\r\n", new[] { "", "" })]
    [TestCase("\r\r\n", new[] { "", "", "" })]
    [TestCase("\n\r", new[] { "", "", "" })]
    [TestCase("x\r", new[] { "x", "" })]
    public void Lines_end_at_lf_crlf_and_lone_cr(string text, string[] expectedLines)
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, text);

        Assert.That(document.LineCount, Is.EqualTo(expectedLines.Length));
        var lines = Enumerable.Range(0, document.LineCount).Select(document.GetLineText).ToArray();
        Assert.That(lines, Is.EqualTo(expectedLines));
        Assert.That(Enumerable.Range(0, document.LineCount).Select(document.GetLineLength), Is.EqualTo(expectedLines.Select(l => l.Length)));
    }

    [Test]
    public void Characters_count_utf16_code_units_so_an_emoji_takes_two()
    {
        var fixture = MarkedText.Parse("$0a$1😀$2b$3");
        var document = fixture.ToDocument();

        Assert.That(document.GetLineLength(0), Is.EqualTo(4));
        for (var marker = 0; marker <= 3; marker++)
        {
            Assert.That(document.OffsetOf(fixture.Position(marker)), Is.EqualTo(fixture.Offset(marker)), $"marker {marker}");
            Assert.That(document.PositionOf(fixture.Offset(marker)), Is.EqualTo(fixture.Position(marker)), $"marker {marker}");
        }

        Assert.That(fixture.Position(2), Is.EqualTo(new LinePosition(0, 3)));
    }

    [TestCase("ab$0\ncd", 0, 99)]
    [TestCase("ab$0\r\ncd", 0, 3)]
    [TestCase("ab$0\r\ncd", 0, 4)]
    [TestCase("ab$0\rcd", 0, int.MaxValue)]
    [TestCase("ab\ncd$0", 1, 3)]
    public void A_character_past_the_end_of_its_line_reads_as_the_end_of_the_line(string fixture, int line, int character)
    {
        var marked = MarkedText.Parse(fixture);
        var document = marked.ToDocument();

        Assert.That(document.OffsetOf(new LinePosition(line, character)), Is.EqualTo(marked.Offset(0)));
        Assert.That(document.TryGetOffset(new LinePosition(line, character), out var offset), Is.True);
        Assert.That(offset, Is.EqualTo(marked.Offset(0)));
    }

    [TestCase(2, 0)]
    [TestCase(-1, 0)]
    [TestCase(0, -1)]
    public void Reading_a_line_that_does_not_exist_or_a_negative_position_fails(int line, int character)
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "ab\ncd");

        Assert.That(document.TryGetOffset(new LinePosition(line, character), out _), Is.False);
        Assert.That(() => document.OffsetOf(new LinePosition(line, character)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void GetLineText_rejects_a_missing_line()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "ab\ncd");

        Assert.That(() => document.GetLineText(2), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => document.GetLineText(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void PositionOf_round_trips_every_offset_except_inside_a_crlf()
    {
        const string Text = "a😀\r\n\rb\n\r\nc😀";
        var document = new TextDocument("file:///a.txt", "plaintext", 1, Text);

        for (var offset = 0; offset <= Text.Length; offset++)
        {
            var position = document.PositionOf(offset);
            Assert.That(position, Is.EqualTo(NaiveText.PositionOf(Text, offset)), $"offset {offset}");
            var insideCrlf = offset > 0 && offset < Text.Length && Text[offset - 1] == '\r' && Text[offset] == '\n';
            Assert.That(document.OffsetOf(position), Is.EqualTo(insideCrlf ? offset - 1 : offset), $"offset {offset}");
        }
    }

    [Test]
    public void PositionOf_rejects_offsets_outside_the_text()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "abc");

        Assert.That(() => document.PositionOf(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => document.PositionOf(4), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(document.PositionOf(3), Is.EqualTo(new LinePosition(0, 3)));
    }

    [Test]
    public void Positions_order_by_line_then_character()
    {
        Assert.That(new LinePosition(1, 0), Is.GreaterThan(new LinePosition(0, 99)));
        Assert.That(new LinePosition(1, 2) < new LinePosition(1, 3), Is.True);
        Assert.That(new LinePosition(1, 3) <= new LinePosition(1, 3), Is.True);
        Assert.That(new LineRange(1, 2, 1, 2).IsEmpty, Is.True);
    }

    [Test]
    public void ACrLfSplitAcrossTwoChunksIsStillOneLineBreak()
    {
        // The document's text is cut into chunks of ChunkedText.ChunkSize characters: here the \r ends the first chunk
        // and the \n starts the second.
        var first = new string('a', ChunkedText.ChunkSize - 1);
        var document = new TextDocument("file:///a.txt", "plaintext", 1, first + "\r\nb\rc");

        Assert.That(Enumerable.Range(0, document.LineCount).Select(document.GetLineText), Is.EqualTo(new[] { first, "b", "c" }));
        Assert.That(document.PositionOf(ChunkedText.ChunkSize), Is.EqualTo(new LinePosition(0, first.Length)), "between the \r and the \n");

        var edited = document.WithChanges(2, [new TextChange(new LineRange(1, 0, 1, 0), "x")]);
        Assert.That(Enumerable.Range(0, edited.LineCount).Select(edited.GetLineText), Is.EqualTo(new[] { first, "xb", "c" }));
        Assert.That(
            () => document.WithChanges(2, [new TextChange(new LineRange(0, first.Length + 1, 0, first.Length + 1), "x")]),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains("splits the CRLF"));
    }
}
