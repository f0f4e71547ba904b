using System.Text;
using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

/// <summary>Golden fixtures under Golden/: prompts per template and the whole clean-up (StopEarly then PostProcess) per filter.</summary>
public sealed class GoldenTests
{
    private const string Null = "<null>";

    public static IEnumerable<TestCaseData> PromptCases() => GoldenFixture.Cases("Prompts");

    public static IEnumerable<TestCaseData> PostProcessCases() => GoldenFixture.Cases("PostProcess");

    [Test]
    public void EveryTemplateAndFilterHasFixtures()
    {
        var prompts = PromptCases().Count();
        Assert.That(prompts, Is.GreaterThanOrEqualTo(FimTemplates.All.Count), "one prompt fixture per template at least");
        Assert.That(PostProcessCases().Count(), Is.GreaterThanOrEqualTo(10));
        foreach (var template in FimTemplates.All)
        {
            Assert.That(File.Exists(Path.Combine(GoldenFixture.Directory("Prompts"), $"template-{template.Name}.txt")), Is.True, template.Name);
        }
    }

    [TestCaseSource(nameof(PromptCases))]
    public void Prompt(string fileName)
    {
        var fixture = GoldenFixture.Load("Prompts", fileName);
        var prompt = new CompletionPipeline().BuildPrompt(fixture.Input(), fixture.Section("modelname") ?? "unknown-model");
        if (prompt is null)
        {
            fixture.Check(Null);
            return;
        }

        var request = prompt.Request;
        var rendered = new StringBuilder()
            .Append("multiline: ").Append(prompt.Multiline ? "true" : "false").Append('\n')
            .Append("max_tokens: ").Append(request.MaxTokens).Append('\n')
            .Append("stop: ").Append(string.Join(" ", request.Stop)).Append('\n')
            .Append("--- prompt\n").Append(request.Prompt).Append('\n')
            .Append("--- suffix\n").Append(request.Suffix ?? Null);
        fixture.Check(rendered.ToString());
    }

    [TestCaseSource(nameof(PostProcessCases))]
    public async Task PostProcess(string fileName)
    {
        var fixture = GoldenFixture.Load("PostProcess", fileName);
        var pipeline = new CompletionPipeline();
        var prompt = pipeline.BuildPrompt(fixture.Input(), fixture.Section("modelname") ?? "unknown-model");
        Assert.That(prompt, Is.Not.Null);
        var model = fixture.Section("model") ?? throw new AssertionException($"{fileName}: no model section");

        var streamed = new StringBuilder();
        await foreach (var chunk in pipeline.StopEarly(Chunks(model), prompt!, CancellationToken.None))
        {
            streamed.Append(chunk);
        }

        // The replaced length (auto-closed closers right of the cursor) is part of the result the client gets.
        var cleaned = pipeline.PostProcess(streamed.ToString(), prompt!);
        var replaced = cleaned is null ? 0 : CompletionFilters.AutoClosedOverlap(cleaned, prompt!.Suffix);
        fixture.Check(cleaned is null ? Null : replaced == 0 ? cleaned : $"{cleaned}\n--- replaces {replaced}");
    }

    // Small uneven chunks, the way a server streams tokens, so line and stop-token handling across chunks is exercised.
    private static async IAsyncEnumerable<string> Chunks(string text)
    {
        for (var i = 0; i < text.Length; i += 3)
        {
            await Task.Yield();
            yield return text.Substring(i, Math.Min(3, text.Length - i));
        }
    }
}
