using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary><c>nextEdit.disableInComments</c> and the comment test behind it.</summary>
public sealed class CommentSettingTests
{
    [TestCase("int a; // note$0 here", "csharp", true)]
    [TestCase("int a$0; // note", "csharp", false)]
    [TestCase("/* start\n  mid$0dle\n end */ int b;", "csharp", true)]
    [TestCase("/* closed */ int $0b;", "csharp", false)]
    [TestCase("var s = \"// not a comment$0\";", "csharp", false)]
    [TestCase("x = 1  # py$0thon", "python", true)]
    [TestCase("x = 1$0  # python", "python", false)]
    public void TheCursorIsInACommentOrNot(string textWithMarker, string languageId, bool expected)
    {
        var offset = textWithMarker.IndexOf("$0", StringComparison.Ordinal);
        var text = textWithMarker.Remove(offset, 2);

        Assert.That(IdentifierTokenizer.IsInComment(text, offset, languageId), Is.EqualTo(expected));
    }

    [TestCase(true, 0)]
    [TestCase(false, 1)]
    public async Task WithTheSettingOnARenameGetsNoSuggestionWhileTheCursorIsInAComment(bool disableInComments, int expected)
    {
        const string Uri = "file:///repo/report.js";
        using var fixture = new NextEditFixture(new NextEditSettings { DisableInComments = disableInComments });
        var offset = fixture.Open(Uri, "javascript", "let $0total = 0;\ntotal += 1; // keep the total\n");
        fixture.TypeOver(Uri, offset, "sum");

        var inComment = new LinePosition(1, 20);
        var suggestions = await fixture.Service.SuggestAsync(Uri, inComment, CancellationToken.None);

        Assert.That(suggestions, Has.Count.EqualTo(expected));
    }
}
