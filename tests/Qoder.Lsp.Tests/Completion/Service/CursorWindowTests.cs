using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Completion.Service;

public sealed class CursorWindowTests
{
    private static CursorWindow At(string textWithCursor) =>
        At(textWithCursor.Replace("$0", "", StringComparison.Ordinal), textWithCursor.IndexOf("$0", StringComparison.Ordinal));

    // Through CompletionInput.At, as the handler builds it: a large document gives a window of its text.
    private static CursorWindow At(string text, int offset) =>
        CursorWindow.At(CompletionInput.At(new TextDocument("file:///w/a.cs", "csharp", 1, text), "/w/a.cs", offset, invoked: false));

    [Test]
    public void TypingAtTheCursorExtendsTheEarlierSpot()
    {
        var earlier = At("class A {\n  int x = $0\n}");

        Assert.That(At("class A {\n  int x = 42$0\n}").Extends(earlier, out var typed), Is.True);
        Assert.That(typed, Is.EqualTo("42"));
        Assert.That(At("class A {\n  int x = $0\n}").Extends(earlier, out typed), Is.True);
        Assert.That(typed, Is.Empty);
    }

    [TestCase("class A {\n  int x =$0\n}", TestName = "backspace")]
    [TestCase("class A {\n  int x = 4$0;\n}", TestName = "the text after the cursor changed")]
    [TestCase("class B {\n  int x = 4$0\n}", TestName = "the text before the typed part changed")]
    [TestCase("class A {\n  int x = $04\n}", TestName = "typed after the cursor")]
    public void OtherEditsDoNotExtendIt(string later)
    {
        var earlier = At("class A {\n  int x = $0\n}");

        Assert.That(At(later).Extends(earlier, out _), Is.False);
    }

    [Test]
    public void OnALargeDocumentOnlyTheWindowsAreKeptAndCompared()
    {
        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i}\n"));
        var earlier = At(body + "tail", body.Length);
        var later = At(body + "abtail", body.Length + 2);

        Assert.That(earlier.PrefixTail.Length, Is.EqualTo(CompletionWindows.MaxPrefixChars));
        Assert.That(later.Extends(earlier, out var typed), Is.True);
        Assert.That(typed, Is.EqualTo("ab"));

        // An edit far above the cursor shifts the offset, so the windows no longer line up.
        var shifted = At("x" + body + "abtail", body.Length + 3);
        Assert.That(shifted.Extends(earlier, out _), Is.False);
    }

    [Test]
    public void AWindowOfALargeDocumentGivesTheSpotTheWholeTextGives()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i}\n"));
        var offset = text.Length / 2;
        var whole = CursorWindow.At(new CompletionInput("file:///w/a.cs", "csharp", "/w/a.cs", text, offset, Invoked: false));

        var windowed = At(text, offset);

        Assert.That(
            (windowed.Offset, windowed.SuffixLength, windowed.PrefixTail.ToString(), windowed.SuffixHead.ToString()),
            Is.EqualTo((whole.Offset, whole.SuffixLength, whole.PrefixTail.ToString(), whole.SuffixHead.ToString())));
        Assert.That(CompletionKey.Of("file:///w/a.cs", windowed), Is.EqualTo(CompletionKey.Of("file:///w/a.cs", whole)));
    }

    [Test]
    public void TheCacheKeyComparesTheWholeWindowsNotOnlyTheTextItHashes()
    {
        var body = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i}\n"));
        var spot = At(body + "$0" + body);

        // The same windows elsewhere in the document: the same key, as after an edit far above the cursor.
        Assert.That(CompletionKey.Of("file:///w/a.cs", At("x\n" + body + "$0" + body)), Is.EqualTo(CompletionKey.Of("file:///w/a.cs", spot)));

        // A difference far from the cursor but within the windows leaves the hash alone and still makes another key.
        var farAbove = At(body.Replace("line 1500\n", "line 15OO\n", StringComparison.Ordinal) + "$0" + body);
        Assert.That(farAbove.WindowHash, Is.EqualTo(spot.WindowHash));
        Assert.That(CompletionKey.Of("file:///w/a.cs", farAbove), Is.Not.EqualTo(CompletionKey.Of("file:///w/a.cs", spot)));
        var farBelow = At(body + "$0" + body.Replace("line 300\n", "line 3OO\n", StringComparison.Ordinal));
        Assert.That(CompletionKey.Of("file:///w/a.cs", farBelow), Is.Not.EqualTo(CompletionKey.Of("file:///w/a.cs", spot)));
        Assert.That(CompletionKey.Of("file:///w/b.cs", spot), Is.Not.EqualTo(CompletionKey.Of("file:///w/a.cs", spot)));
    }

    [Test]
    public void TheLineSuffixIsTheRestOfTheCursorsLine()
    {
        Assert.That(At("f($0);\nnext();").LineSuffix, Is.EqualTo(");"));
        Assert.That(At("f($0)").LineSuffix, Is.EqualTo(")"));
    }
}
