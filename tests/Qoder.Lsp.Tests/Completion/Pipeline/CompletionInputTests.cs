using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

public sealed class CompletionInputTests
{
    private const string Uri = "file:///w/Big.cs";
    private const string Path = "/w/Big.cs";

    [Test]
    public void ASmallDocumentIsPassedWhole()
    {
        var document = new TextDocument(Uri, "csharp", 1, "class A { }\n");

        var input = CompletionInput.At(document, Path, 5, invoked: false);

        Assert.That((input.Text, input.Offset, input.Window), Is.EqualTo((document.Text, 5, (DocumentWindow?)null)));
    }

    [Test]
    public void ALargeDocumentIsPassedAsTheWindowTheEngineReads()
    {
        var document = new TextDocument(Uri, "csharp", 1, Lines(seed: 1, count: 8_000));
        var offset = document.Length / 2;

        var input = CompletionInput.At(document, Path, offset, invoked: true);

        Assert.That(input.Text, Has.Length.EqualTo(CompletionWindows.MaxPrefixChars + CompletionWindows.MaxSuffixChars + 2), "each limit and one character past it");
        Assert.That(input.Window?.Document, Is.SameAs(document));
        Assert.That(
            (input.DocumentOffset, input.DocumentLength, input.CursorLine, input.DocumentText[input.DocumentOffset..][..40]),
            Is.EqualTo((offset, document.Length, document.PositionOf(offset).Line, input.Text[input.Offset..][..40])));
    }

    [Test]
    public void AWindowGivesThePromptTheWholeTextGives()
    {
        // Budgets so large that only the character limits cut the prompt, at every alignment of a line break with the
        // window's edges: a line starting or ending exactly at a limit is in the prompt, one crossing it is cut there.
        var pipeline = new CompletionPipeline(new CompletionPipelineOptions { Tokenizer = PromptTokenizer.Estimate, PrefixTokens = 1_000_000, SuffixTokens = 1_000_000 });
        var text = Lines(seed: 2, count: 6_000);
        var document = new TextDocument(Uri, "csharp", 1, text);
        var checkedOffsets = 0;
        for (var offset = text.Length / 2; offset < (text.Length / 2) + 300; offset++)
        {
            var windowed = CompletionInput.At(document, Path, offset, invoked: false);
            var whole = new CompletionInput(Uri, "csharp", Path, text, offset, Invoked: false);

            var fromWindow = pipeline.BuildPrompt(windowed, "qwen2.5-coder")!;
            var fromWhole = pipeline.BuildPrompt(whole, "qwen2.5-coder")!;

            Assert.That(windowed.Window, Is.Not.Null);
            Assert.That((fromWindow.Prefix, fromWindow.Suffix, fromWindow.Multiline), Is.EqualTo((fromWhole.Prefix, fromWhole.Suffix, fromWhole.Multiline)), $"offset {offset}");
            checkedOffsets++;
        }

        Assert.That(checkedOffsets, Is.EqualTo(300));
    }

    [Test]
    public void AnAppSettingsFileIsPassedWholeBecauseItsSecrecyDependsOnAllOfIt()
    {
        var text = "{\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"  \"Setting{i}\": \"value\",\n")) + "  \"ApiKey\": \"k\"\n}\n";
        var document = new TextDocument("file:///w/appsettings.json", "json", 1, text);

        var input = CompletionInput.At(document, "/w/appsettings.json", 10, invoked: false);

        Assert.That((input.Window, input.Text.Length), Is.EqualTo(((DocumentWindow?)null, text.Length)));
        Assert.That(new CompletionPipeline().BuildPrompt(input, "m"), Is.Null, "the key near the end makes the file secret");
    }

    // Lines of 0-120 characters, so line breaks fall at every alignment with the window's edges.
    private static string Lines(int seed, int count)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, count).Select(_ => new string('x', random.Next(0, 120)) + "\n"));
    }
}
