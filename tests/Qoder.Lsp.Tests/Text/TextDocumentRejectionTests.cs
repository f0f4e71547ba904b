using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

/// <summary>Every change a well-behaved client cannot send is refused with a clear message, and nothing changes.</summary>
public sealed class TextDocumentRejectionTests
{
    private static IEnumerable<TestCaseData> InvalidChanges()
    {
        yield return Case("line past the last line", "ab\ncd", [TextChange.Insert(new LinePosition(2, 0), "x")], "line 2 is past the last line (1)");
        yield return Case("character past the end of the line", "ab\ncd", [TextChange.Insert(new LinePosition(0, 3), "x")], "character 3 is past the end of line 0 (length 2)");
        yield return Case("range end past the end of the line", "ab\ncd", [TextChange.Delete(new LineRange(1, 0, 1, 9))], "character 9 is past the end of line 1");
        yield return Case("end before start", "abcd", [TextChange.Delete(new LineRange(0, 3, 0, 1))], "ends before it starts");
        yield return Case("end on an earlier line", "ab\ncd", [TextChange.Delete(new LineRange(1, 0, 0, 1))], "ends before it starts");
        yield return Case("negative line", "abcd", [TextChange.Insert(new LinePosition(-1, 0), "x")], "is negative");
        yield return Case("negative character", "abcd", [TextChange.Insert(new LinePosition(0, -1), "x")], "is negative");
        yield return Case("insert inside a surrogate pair", "a😀b", [TextChange.Insert(new LinePosition(0, 2), "x")], "splits a UTF-16 surrogate pair");
        yield return Case("delete half a surrogate pair", "a😀b", [TextChange.Delete(new LineRange(0, 1, 0, 2))], "splits a UTF-16 surrogate pair");
        yield return Case("insert inside a CRLF", "ab\r\ncd", [TextChange.Insert(new LinePosition(0, 3), "x")], "splits the CRLF line break that ends line 0");
        yield return Case("delete from inside a CRLF", "ab\r\ncd", [TextChange.Delete(new LineRange(0, 3, 1, 1))], "splits the CRLF line break");
        yield return Case(
            "second change of a batch",
            "abc",
            [TextChange.Insert(new LinePosition(0, 3), "d"), TextChange.Insert(new LinePosition(0, 9), "x"), TextChange.Insert(new LinePosition(0, 0), "z")],
            "change 2 of 3");
        // Valid against the original text but not against the text the first change leaves, so the batch must be
        // refused as a whole even though the first change alone was fine.
        yield return Case(
            "change valid only against the original text",
            "ab\ncd",
            [TextChange.Delete(new LineRange(0, 2, 1, 0)), TextChange.Insert(new LinePosition(1, 0), "x")],
            "line 1 is past the last line (0)");

        static TestCaseData Case(string name, string text, TextChange[] changes, string message) =>
            new TestCaseData(text, changes, message).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(InvalidChanges))]
    public void Invalid_changes_are_rejected_by_the_snapshot(string text, TextChange[] changes, string message)
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 4, text);

        Assert.That(
            () => document.WithChanges(5, changes),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains(message).And.Message.Contains("file:///a.txt"));
        Assert.That((document.Text, document.Version), Is.EqualTo((text, 4)));
    }

    [TestCaseSource(nameof(InvalidChanges))]
    public void Invalid_changes_leave_the_stored_document_exactly_as_it_was(string text, TextChange[] changes, string message)
    {
        var store = new DocumentStore();
        var opened = store.Open("file:///a.txt", "plaintext", 4, text);
        var events = 0;
        store.DocumentChanged += (_, _) => events++;

        Assert.That(() => store.Change("file:///a.txt", 5, changes), Throws.TypeOf<TextDocumentEditException>().With.Message.Contains(message));

        Assert.That(store.TryGet("file:///a.txt", out var current), Is.True);
        Assert.That(current, Is.SameAs(opened));
        Assert.That((current!.Text, current.Version, events), Is.EqualTo((text, 4, 0)));
    }

    [TestCase(4)]
    [TestCase(3)]
    public void A_version_that_does_not_increase_is_rejected(int version)
    {
        var document = new TextDocument("file:///a.txt", "plaintext", 4, "abc");

        Assert.That(
            () => document.WithChanges(version, [TextChange.Insert(new LinePosition(0, 0), "x")]),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains($"version {version}").And.Message.Contains("already at version 4"));
        Assert.That((document.Text, document.Version), Is.EqualTo(("abc", 4)));
    }
}
