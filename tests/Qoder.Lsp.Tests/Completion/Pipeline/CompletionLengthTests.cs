using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

/// <summary>completion.maxLength steering the stream stopper (early stop, so the stream is closed) and the replace range rule.</summary>
public sealed class CompletionLengthTests
{
    [TestCase(null, CompletionLength.Function)]
    [TestCase("", CompletionLength.Function)]
    [TestCase("line", CompletionLength.Line)]
    [TestCase(" Block ", CompletionLength.Block)]
    [TestCase("FUNCTION", CompletionLength.Function)]
    [TestCase("paragraph", CompletionLength.Function, Description = "an unknown word lets the engine decide")]
    public void ParsesTheSetting(string? setting, CompletionLength expected) =>
        Assert.That(CompletionLengths.Parse(setting), Is.EqualTo(expected));

    [Test]
    public async Task BlockStopsReadingOnceTheOpenedBlockCloses()
    {
        var stream = new FakeTokenStream(["if (x) {\n", "        go();\n", "    }\n", "    done();\n", "never", "never"]);
        var (text, prompt) = await Run("function f(x) {\n    $0\n}", CompletionLength.Block, stream);
        Assert.That(prompt.Request.MaxTokens, Is.EqualTo(new CompletionPipelineOptions().BlockMaxTokens));
        Assert.That(text, Is.EqualTo("if (x) {\n        go();\n    }"));
        Assert.That((stream.Pulled, stream.Disposed), Is.EqualTo((3, true)));
    }

    [Test]
    public async Task FunctionGoesOnAfterAnInnerBlockButStopsAfterTheFunctionItWrites()
    {
        var inBody = new FakeTokenStream(["if (x) {\n", "        go();\n", "    }\n", "    done();\n", "}\n", "never"]);
        var (bodyText, _) = await Run("function f(x) {\n    $0\n}", CompletionLength.Function, inBody);
        Assert.That(bodyText, Is.EqualTo("if (x) {\n        go();\n    }\n    done();\n"));

        var topLevel = new FakeTokenStream(["function add(a, b) {\n", "    return a + b;\n", "}\n", "\n", "function sub(a, b) {\n", "never"]);
        var (topText, _) = await Run("// add two numbers\n$0", CompletionLength.Function, topLevel);
        Assert.That(topText, Is.EqualTo("function add(a, b) {\n    return a + b;\n}"));
        Assert.That((topLevel.Pulled, topLevel.Disposed), Is.EqualTo((3, true)));
    }

    [Test]
    public async Task LineIsSingleLineModeEvenWhereABlockWouldBeAsked()
    {
        var stream = new FakeTokenStream(["if (x) {\n", "        go();\n", "never"]);
        var (text, prompt) = await Run("function f(x) {\n    $0\n}", CompletionLength.Line, stream);
        Assert.That((prompt.Multiline, prompt.Request.MaxTokens), Is.EqualTo((false, new CompletionPipelineOptions().SingleLineMaxTokens)));
        Assert.That(text, Is.EqualTo("if (x) {"));
        Assert.That(stream.Pulled, Is.EqualTo(1));
    }

    [TestCase("bar, baz)", ")", 1)]
    [TestCase("bar, baz)", ")\nnext line", 1, Description = "only the cursor's line counts")]
    [TestCase("1, 2]);", "]);", 3)]
    [TestCase("1, 2]", "]);", 1, Description = "the first closers only")]
    [TestCase("hello\"", "\"", 1)]
    [TestCase("say \"hi\"", "\"", 0, Description = "the completion's own quotes are paired: its last quote is not the auto-closed one")]
    [TestCase("next()", ")", 0, Description = "the completion's own parenthesis")]
    [TestCase("bar", ")", 0)]
    [TestCase("a, b)", ") + c", 0, Description = "code after the cursor is not an auto-closed run")]
    [TestCase("a)", "", 0)]
    public void AutoClosedOverlapCoversOnlyTheEditorsClosers(string completion, string suffix, int expected) =>
        Assert.That(CompletionFilters.AutoClosedOverlap(completion, suffix), Is.EqualTo(expected));

    [Test]
    public void CodeAfterTheCursorIsStillCutFromTheCompletionNotReplaced()
    {
        var pipeline = new CompletionPipeline();
        var text = "total = (x) + rest;\n";
        var offset = text.IndexOf('(', StringComparison.Ordinal);
        var prompt = pipeline.BuildPrompt(new CompletionInput("file:///a.js", "javascript", "/a.js", text, offset, Invoked: false), "m")!;
        Assert.That(pipeline.PostProcess("compute(x) + rest;", prompt), Is.EqualTo("compute"));
        Assert.That(CompletionFilters.AutoClosedOverlap("compute", prompt.Suffix), Is.Zero);
    }

    private static async Task<(string Text, CompletionPrompt Prompt)> Run(string fixture, CompletionLength length, FakeTokenStream stream)
    {
        var offset = fixture.IndexOf("$0", StringComparison.Ordinal);
        var pipeline = new CompletionPipeline();
        var input = new CompletionInput("file:///a.js", "javascript", "/a.js", fixture.Remove(offset, 2), offset, Invoked: false) { MaxLength = length };
        var prompt = pipeline.BuildPrompt(input, "m")!;
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in pipeline.StopEarly(stream, prompt, CancellationToken.None))
        {
            text.Append(chunk);
        }

        return (text.ToString(), prompt);
    }
}
