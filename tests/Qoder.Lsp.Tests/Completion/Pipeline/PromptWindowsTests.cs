using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class PromptWindowsTests
{
    private static readonly PromptTokenizer Estimate = PromptTokenizer.Estimate;

    [Test]
    public void WindowsTakeWholeLinesWithinTheTokenBudgetAndAlwaysTheCursorLine()
    {
        var text = "line1\nline2\nline3 cursor here\nline4\nline5";
        var offset = text.IndexOf("cursor", StringComparison.Ordinal);

        // Estimate: "line3 " is 2 tokens, "line2" plus its line break 3.
        Assert.That(PromptWindows.Prefix(text, offset, 0, Estimate), Is.EqualTo("line3 "), "the cursor line even over budget");
        Assert.That(PromptWindows.Prefix(text, offset, 4, Estimate), Is.EqualTo("line3 "));
        Assert.That(PromptWindows.Prefix(text, offset, 5, Estimate), Is.EqualTo("line2\nline3 "));
        Assert.That(PromptWindows.Prefix(text, offset, 1000, Estimate), Is.EqualTo(text[..offset]));

        Assert.That(PromptWindows.Suffix(text, offset, 0, Estimate), Is.EqualTo("cursor here"));
        Assert.That(PromptWindows.Suffix(text, offset, 5, Estimate), Is.EqualTo("cursor here"));
        Assert.That(PromptWindows.Suffix(text, offset, 6, Estimate), Is.EqualTo("cursor here\nline4"));
        Assert.That(PromptWindows.Suffix(text, offset, 1000, Estimate), Is.EqualTo(text[offset..]));
    }

    [Test]
    public void WindowsAtTheDocumentEdges()
    {
        Assert.That(PromptWindows.Prefix("", 0, 10, Estimate), Is.Empty);
        Assert.That(PromptWindows.Suffix("", 0, 10, Estimate), Is.Empty);
        Assert.That(PromptWindows.Prefix("\n\nab", 4, 10, Estimate), Is.EqualTo("\n\nab"));
        Assert.That(PromptWindows.Suffix("ab\n\n", 0, 10, Estimate), Is.EqualTo("ab\n\n"));
    }

    [Test]
    public void AHugeCursorLineIsCutToTheCharacterLimits()
    {
        var minified = new string('x', CompletionWindows.MaxPrefixChars * 3);
        var offset = minified.Length / 2;

        Assert.That(PromptWindows.Prefix(minified, offset, 10, Estimate), Has.Length.EqualTo(CompletionWindows.MaxPrefixChars));
        Assert.That(PromptWindows.Suffix(minified, offset, 10, Estimate), Has.Length.EqualTo(CompletionWindows.MaxSuffixChars));
    }

    [Test]
    public async Task TheRealTokenizerFillsTheBudgetOnALargeFileAndNoMore()
    {
        var tokenizer = PromptTokenizer.Cl100k;
        await tokenizer.WhenLoaded;
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"    int v{i} = Compute({i}, \"é\");\n"));
        var offset = text.IndexOf("    int v2500 ", StringComparison.Ordinal) + 8;
        var options = new CompletionPipelineOptions { PrefixTokens = 100, SuffixTokens = 50, Tokenizer = tokenizer };

        var prompt = new CompletionPipeline(options).BuildPrompt(new("file:///a.cs", "csharp", "/a.cs", text, offset, Invoked: false), "m")!;

        Assert.That(text[..offset], Does.EndWith(prompt.Prefix));
        Assert.That(text[offset..], Does.StartWith(prompt.Suffix));
        Assert.That(prompt.Prefix, Does.StartWith("    int v"), "cut at a line start");
        Assert.That(tokenizer.Count(prompt.Prefix), Is.LessThanOrEqualTo(100));
        var oneLineMore = text[..offset][..^prompt.Prefix.Length].TrimEnd('\n');
        var previousLine = oneLineMore[(oneLineMore.LastIndexOf('\n') + 1)..];
        Assert.That(tokenizer.Count(previousLine + "\n" + prompt.Prefix), Is.GreaterThan(100), "one more line would not fit");
        Assert.That(tokenizer.Count(prompt.Suffix), Is.LessThanOrEqualTo(50));
        Assert.That(tokenizer.Count(prompt.Prefix), Is.Not.EqualTo(Estimate.Count(prompt.Prefix)), "counted by the vocabulary, not estimated");
    }

    [Test]
    public async Task Preparing_a_document_remembers_the_count_of_each_of_its_lines_but_never_a_secret_files()
    {
        var tokenizer = PromptTokenizer.Cl100k;
        await tokenizer.WhenLoaded;
        var pipeline = new CompletionPipeline(new CompletionPipelineOptions { Tokenizer = tokenizer });
        var marker = Guid.NewGuid().ToString("N");
        var lines = Enumerable.Range(0, 300).Select(i => $"    var {marker}{i} = Compute({i});").ToList();
        var text = string.Join('\n', lines) + "\n";
        var secret = $"OPENAI_API_KEY=sk-{marker}";

        Assert.That(pipeline.Prepare(new("file:///repo/a.cs", "csharp", "/repo/a.cs", text, 0, Invoked: false)), Is.True);
        Assert.That(pipeline.Prepare(new("file:///repo/.env", "dotenv", "/repo/.env", secret, 0, Invoked: false)), Is.True, "nothing to do");

        Assert.That(lines.Where(line => !tokenizer.Remembers(line)), Is.Empty);
        Assert.That(tokenizer.Remembers(secret), Is.False);
        var vocabulary = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("cl100k_base");
        Assert.That(lines.Select(line => tokenizer.CountLine(line)), Is.EqualTo(lines.Select(line => vocabulary.CountTokens(line))), "the remembered counts are the vocabulary's");
    }

    [Test]
    public void The_estimate_has_nothing_to_remember()
    {
        Assert.That(PromptTokenizer.Estimate.Prime("int x = 1;\n"), Is.True, "done: there is nothing to wait for");
        Assert.That(PromptTokenizer.Estimate.Remembers("int x = 1;"), Is.False);
    }
}
