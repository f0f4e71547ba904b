using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Service;

namespace Qoder.Lsp.Tests.Completion.Service;

public sealed class CursorWindowTests
{
    private static CursorWindow At(string textWithCursor) =>
        CursorWindow.At(textWithCursor.Replace("$0", "", StringComparison.Ordinal), textWithCursor.IndexOf("$0", StringComparison.Ordinal));

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
        var earlier = CursorWindow.At(body + "tail", body.Length);
        var later = CursorWindow.At(body + "abtail", body.Length + 2);

        Assert.That(earlier.PrefixTail, Has.Length.EqualTo(CompletionWindows.MaxPrefixChars));
        Assert.That(later.Extends(earlier, out var typed), Is.True);
        Assert.That(typed, Is.EqualTo("ab"));

        // An edit far above the cursor shifts the offset, so the windows no longer line up.
        var shifted = CursorWindow.At("x" + body + "abtail", body.Length + 3);
        Assert.That(shifted.Extends(earlier, out _), Is.False);
    }
}
