using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class StopEarlyTests
{
    [Test]
    public async Task SingleLineStopsReadingAtTheFirstLineEnd()
    {
        var stream = new FakeTokenStream(["a, ", "b)", "\nprint", "(x)\n", "more", "more"]);
        var (text, prompt) = await Run("result = compute(1, $0", stream);
        Assert.That(prompt.Multiline, Is.False);
        Assert.That(text, Is.EqualTo("a, b)"));
        Assert.That((stream.Pulled, stream.Disposed), Is.EqualTo((3, true)));
    }

    [Test]
    public async Task MultilineStopsReadingWhenIndentationFallsBack()
    {
        var stream = new FakeTokenStream(["x = 1\n", "    y = 2\n", "def g():\n", "    pass\n", "never"]);
        var (text, _) = await Run("def f():\n    $0", stream);
        Assert.That(text, Is.EqualTo("x = 1\n    y = 2\n"));
        Assert.That((stream.Pulled, stream.Disposed), Is.EqualTo((3, true)));
    }

    [Test]
    public async Task StopTokensSplitAcrossChunksAreHonoured()
    {
        var stream = new FakeTokenStream(["return 1<|endof", "text|>junk", "never"]);
        var (text, _) = await Run("def f():\n    $0", stream, "qwen2.5-coder");
        Assert.That(text, Is.EqualTo("return 1"));
        Assert.That(stream.Pulled, Is.EqualTo(2));
    }

    [Test]
    public async Task RepeatedLinesStopTheStream()
    {
        var stream = new FakeTokenStream(["a()\n", "    b()\n", "    b()\n", "    b()\n", "    b()\n", "never"]);
        var (text, _) = await Run("def f():\n    $0", stream);
        Assert.That(text, Is.EqualTo("a()\n    b()\n    b()\n"));
        Assert.That(stream.Pulled, Is.EqualTo(4));
    }

    private static async Task<(string Text, CompletionPrompt Prompt)> Run(string fixture, FakeTokenStream stream, string model = "m")
    {
        var offset = fixture.IndexOf("$0", StringComparison.Ordinal);
        var pipeline = new CompletionPipeline();
        var prompt = pipeline.BuildPrompt(new CompletionInput("file:///a.py", "python", "/a.py", fixture.Remove(offset, 2), offset, Invoked: false), model)!;
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in pipeline.StopEarly(stream, prompt, CancellationToken.None))
        {
            text.Append(chunk);
        }

        return (text.ToString(), prompt);
    }
}
