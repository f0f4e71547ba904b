using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class FimTemplatesTests
{
    [TestCase("qwen2.5-coder:7b", "qwen")]
    [TestCase("Qwen/Qwen3-Coder-30B-A3B-Instruct", "qwen")]
    [TestCase("deepseek-coder:6.7b-base", "deepseek")]
    [TestCase("bigcode/StarCoder2-15B", "starcoder2")]
    [TestCase("codellama:7b-code", "codellama")]
    [TestCase("codestral-latest", "codestral")]
    [TestCase("CodeGemma:2b", "codegemma")]
    [TestCase("gpt-4o-mini", "raw")]
    [TestCase("qwen3:8b", "raw")]
    public void ModelNamesSelectTheirFamily(string model, string expected) =>
        Assert.That(FimTemplates.ForModel(model).Name, Is.EqualTo(expected));

    [Test]
    public void ConfiguredTemplateOverridesDetectionAndUnknownNamesFallBack()
    {
        Assert.That(new CompletionPipeline(new CompletionPipelineOptions { Template = "CodeLlama" }).TemplateFor("qwen2.5-coder").Name, Is.EqualTo("codellama"));
        Assert.That(new CompletionPipeline(new CompletionPipelineOptions { Template = "nope" }).TemplateFor("qwen2.5-coder").Name, Is.EqualTo("qwen"));
    }

    [Test]
    public void CodestralPutsTheSuffixFirstAndRawLeavesTheSuffixToTheServer()
    {
        Assert.That(FimTemplates.Codestral.CreateRequest("P", "S").Prompt, Is.EqualTo("[SUFFIX]S[PREFIX]P"));
        var raw = FimTemplates.Raw.CreateRequest("P", "S");
        Assert.That((raw.Prompt, raw.Suffix), Is.EqualTo(("P", "S")));
        Assert.That(FimTemplates.DeepSeekCoder.CreateRequest("P", "S").Prompt, Is.EqualTo("<\uFF5Cfim\u2581begin\uFF5C>P<\uFF5Cfim\u2581hole\uFF5C>S<\uFF5Cfim\u2581end\uFF5C>"));
    }

    [Test]
    public void SentinelsInTheDocumentDoNotReachTheModel()
    {
        var request = FimTemplates.QwenCoder.CreateRequest("var s = \"<|fim_suffix|>\";", "");
        Assert.That(request.Prompt, Is.EqualTo("<|fim_prefix|>var s = \"\";<|fim_suffix|><|fim_middle|>"));
    }
}
