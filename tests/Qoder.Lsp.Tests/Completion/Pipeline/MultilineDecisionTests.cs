using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class MultilineDecisionTests
{
    [TestCase("x = foo($0bar)", "python", false, Description = "middle of a line")]
    [TestCase("x = foo($0)", "python", true, Description = "after an opener, only a closer follows")]
    [TestCase("total = a +$0", "python", false, Description = "end of a statement line")]
    [TestCase("def f():$0", "python", true, Description = "python colon opener")]
    [TestCase("def f():\n    $0", "python", true, Description = "empty line in a body")]
    [TestCase("if (x) {$0\n}", "csharp", true, Description = "brace opener")]
    [TestCase("Func<int> f = () =>$0", "csharp", true, Description = "lambda arrow")]
    [TestCase("case 1:$0", "csharp", false, Description = "colon is no opener outside python")]
    [TestCase("// initialize a list of names\n$0", "csharp", true, Description = "natural-language comment")]
    [TestCase("import os\n$0", "python", false, Description = "top-level line after a statement")]
    [TestCase("$0", "python", true, Description = "empty file")]
    public void Decides(string fixture, string languageId, bool multiline)
    {
        var offset = fixture.IndexOf("$0", StringComparison.Ordinal);
        var text = fixture.Remove(offset, 2);
        Assert.That(MultilineDecision.IsMultiline(text[..offset], text[offset..], languageId), Is.EqualTo(multiline));
    }

    [Test]
    public void MultilineAsksForMoreTokens()
    {
        var pipeline = new CompletionPipeline();
        var block = pipeline.BuildPrompt(new("file:///a.py", "python", "/a.py", "def f():\n    ", 13, Invoked: false), "m");
        var line = pipeline.BuildPrompt(new("file:///a.py", "python", "/a.py", "x = f(1)", 5, Invoked: true), "m");
        Assert.That((block!.Request.MaxTokens, line!.Request.MaxTokens, line.Request.Choices), Is.EqualTo((256, 64, 3)));
    }
}
