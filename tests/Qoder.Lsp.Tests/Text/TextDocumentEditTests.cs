using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

public sealed class TextDocumentEditTests
{
    [TestCase("ab$0\ncd", "X", "abX\ncd")]
    [TestCase("ab$0\r\ncd", "X", "abX\r\ncd")]
    [TestCase("ab\ncd$0", "X", "ab\ncdX")]
    [TestCase("ab\n$0", "X", "ab\nX")]
    [TestCase("$0", "hello", "hello")]
    [TestCase("a$0😀b", "X", "aX😀b")]
    [TestCase("a😀$0b", "X", "a😀Xb")]
    [TestCase("a\r$0b", "\n", "a\r\nb")]
    [TestCase("a$0\nb", "\r", "a\r\nb")]
    public void Inserts_at_the_marked_position(string fixture, string inserted, string expected)
    {
        var marked = MarkedText.Parse(fixture);
        var document = marked.ToDocument();

        var changed = document.WithChanges(2, [TextChange.Insert(marked.Position(0), inserted)]);

        Assert.That(changed.Text, Is.EqualTo(expected));
        Assert.That(changed.LineCount, Is.EqualTo(NaiveText.Lines(expected).Count));
        Assert.That(changed.Version, Is.EqualTo(2));
    }

    [TestCase("ab$0\n$1cd", "abcd")]
    [TestCase("ab$0\r\n$1cd", "abcd")]
    [TestCase("ab$0\r$1cd", "abcd")]
    [TestCase("ab\n$0cd$1", "ab\n")]
    [TestCase("$0ab\ncd$1", "")]
    [TestCase("a$0😀$1b", "ab")]
    [TestCase("a\r$0X$1\nb", "a\r\nb")]
    public void Deletes_the_marked_range(string fixture, string expected)
    {
        var marked = MarkedText.Parse(fixture);
        var document = marked.ToDocument();

        var changed = document.WithChanges(2, [TextChange.Delete(marked.Range(0, 1))]);

        Assert.That(changed.Text, Is.EqualTo(expected));
        Assert.That(
            Enumerable.Range(0, changed.LineCount).Select(changed.GetLineText),
            Is.EqualTo(NaiveText.Lines(expected).Select(line => expected.Substring(line.Start, line.Length))));
    }

    [Test]
    public void A_batch_applies_each_change_to_the_text_left_by_the_previous_one()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "abc\ndef");

        // The second change's (0,1)-(0,2) names "a" only because the first change shifted it right.
        var changed = document.WithChanges(2,
        [
            TextChange.Insert(new LinePosition(0, 0), "X"),
            TextChange.Delete(new LineRange(0, 1, 0, 2)),
            TextChange.Insert(new LinePosition(1, 3), "\r\nghi"),
            TextChange.Replace(new LineRange(1, 0, 1, 1), "D"),
        ]);

        Assert.That(changed.Text, Is.EqualTo("Xbc\nDef\r\nghi"));
        Assert.That(changed.LineCount, Is.EqualTo(3));
        Assert.That(changed.GetLineText(2), Is.EqualTo("ghi"));
    }

    [Test]
    public void A_full_replacement_replaces_everything_and_later_changes_refer_to_it()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "old\ntext");

        var replaced = document.WithChanges(2, [TextChange.FullText("new\r\ntext")]);
        var thenEdited = document.WithChanges(2, [TextChange.Insert(new LinePosition(0, 0), "zzz"), TextChange.FullText("new\r\ntext"), TextChange.Insert(new LinePosition(1, 4), "!")]);

        Assert.That(replaced.Text, Is.EqualTo("new\r\ntext"));
        Assert.That(replaced.GetLineText(0), Is.EqualTo("new"));
        Assert.That(thenEdited.Text, Is.EqualTo("new\r\ntext!"));
    }

    [Test]
    public void A_snapshot_never_changes_and_keeps_its_identity_fields()
    {
        var document = new TextDocument("file:///c%3A/a.cs", "csharp", 7, "class A {}");

        var changed = document.WithChanges(9, [TextChange.Insert(new LinePosition(0, 9), " ")]);

        Assert.That(document.Text, Is.EqualTo("class A {}"));
        Assert.That(document.Version, Is.EqualTo(7));
        Assert.That(changed.Text, Is.EqualTo("class A { }"));
        Assert.That((changed.Uri, changed.LanguageId, changed.Version), Is.EqualTo(("file:///c%3A/a.cs", "csharp", 9)));
    }

    [Test]
    public void An_empty_batch_only_moves_the_version()
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 1, "abc");

        var changed = document.WithChanges(2, []);

        Assert.That((changed.Text, changed.Version), Is.EqualTo(("abc", 2)));
    }

    [Test]
    public void Batches_of_changes_on_a_large_document_match_the_reference()
    {
        var text = LargeDocument();
        var document = new TextDocument("file:///big.cs", "csharp", 1, text);

        // Change 2 grows the text so that change 3 lands on a line that did not exist before.
        var changed = document.WithChanges(2,
        [
            TextChange.Replace(new LineRange(1000, 4, 1000, 8), "REPLACED"),
            TextChange.Insert(new LinePosition(1999, 0), "one\ntwo\r\nthree\r"),
            TextChange.Delete(new LineRange(2001, 0, 2002, 0)),
            TextChange.Insert(new LinePosition(0, 0), "// header\n"),
        ]);

        var expected = text;
        var lines = NaiveText.Lines(expected);
        expected = NaiveText.Replace(expected, lines[1000].Start + 4, lines[1000].Start + 8, "REPLACED");
        lines = NaiveText.Lines(expected);
        expected = NaiveText.Replace(expected, lines[1999].Start, lines[1999].Start, "one\ntwo\r\nthree\r");
        lines = NaiveText.Lines(expected);
        expected = NaiveText.Replace(expected, lines[2001].Start, lines[2002].Start, "");
        expected = "// header\n" + expected;
        Assert.That(changed.Text, Is.EqualTo(expected));
        Assert.That(changed.LineCount, Is.EqualTo(NaiveText.Lines(expected).Count));
        Assert.That(changed.GetLineText(1001), Does.Contain("REPLACED"));
    }

    [Test]
    public void A_keystroke_in_a_large_document_allocates_about_one_copy_of_the_text()
    {
        var document = new TextDocument("file:///big.cs", "csharp", 1, LargeDocument());
        Assert.That((document.LineCount, document.Text.Length), Is.EqualTo((2001, 100_000)));
        var keystroke = new[] { TextChange.Insert(new LinePosition(1000, 10), "x") };
        document.WithChanges(2, keystroke);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var changed = document.WithChanges(3, keystroke);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The new string is 200 KB; splitting the document into 2,000 line strings would add as much again.
        Assert.That(allocated, Is.LessThan(document.Text.Length * sizeof(char) * 3 / 2));
        Assert.That(changed.GetLineText(1000)[10], Is.EqualTo('x'));
    }

    // 2,000 lines of 50 characters with mixed line breaks: 100,000 characters.
    private static string LargeDocument()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            var line = $"line {i:D4} " + new string((char)('a' + (i % 26)), 30);
            builder.Append(line.PadRight(i % 3 == 0 ? 48 : 49, '.'));
            builder.Append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
        }

        return builder.ToString();
    }
}
