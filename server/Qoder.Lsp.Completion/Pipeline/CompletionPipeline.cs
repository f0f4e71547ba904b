using Qoder.Lsp.Core.Text;
using System.Text;

namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The pure part of inline completion: builds the FIM prompt around the cursor, stops the stream when the
/// completion is complete, and cleans the answer. No IO and no shared mutable state, so one instance serves every
/// request concurrently; what a request does is proportional to the prompt windows, never to the document (only
/// <see cref="Prepare"/>, which runs between requests, reads all of it).
/// </summary>
public sealed class CompletionPipeline : ICompletionPipeline
{
    private readonly CompletionPipelineOptions _options;

    public CompletionPipeline()
        : this(new CompletionPipelineOptions())
    {
    }

    public CompletionPipeline(CompletionPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The template <see cref="BuildPrompt"/> uses for a model: the configured one if it names a known template, else detection by model name.</summary>
    public FimTemplate TemplateFor(string modelName) =>
        (_options.Template is { } forced ? FimTemplates.ByName(forced) : null) ?? FimTemplates.ForModel(modelName);

    public CompletionPrompt? BuildPrompt(CompletionInput input, string modelName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = input.FilePath ?? input.Uri;
        if (SecretFiles.IsSecret(path, input.Text))
        {
            return null;
        }

        var offset = Math.Clamp(input.Offset, 0, input.Text.Length);
        var prefix = PromptWindows.Prefix(input.Text, offset, _options.PrefixTokens, _options.Tokenizer);
        var suffix = PromptWindows.Suffix(input.Text, offset, _options.SuffixTokens, _options.Tokenizer);
        var multiline = input.MaxLength != CompletionLength.Line && MultilineDecision.IsMultiline(prefix, suffix, input.LanguageId);

        var context = new StringBuilder();
        AppendSnippets(context, input);
        context.Append(LanguageComments.Comment(input.LanguageId, "Path: " + path)).Append('\n');
        context.Append(LanguageComments.Comment(input.LanguageId, "Language: " + input.LanguageId)).Append('\n');

        var request = TemplateFor(modelName).CreateRequest(context + prefix, suffix) with
        {
            MaxTokens = CompletionLengths.MaxTokens(input.MaxLength, multiline, _options),
            Choices = input.Invoked ? _options.InvokedChoices : 1,
        };
        var lineIndent = TextLines.Indentation(TextLines.CurrentLinePrefix(prefix));
        return new CompletionPrompt(request, multiline, prefix, suffix, lineIndent) { MaxLength = input.MaxLength };
    }

    /// <summary>
    /// Counts the tokens of every line of the document (<see cref="PromptTokenizer.Prime"/>). Without it, the first
    /// prompt at a spot the user moves to counts the new lines of its windows: 1.8–2.1 ms at p50 in a 5,000-line
    /// document of this repository's C#, against 0.11–0.13 ms once it is prepared (docs/benchmarks.md).
    /// </summary>
    public bool Prepare(CompletionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_options.Tokenizer.WhenLoaded.IsCompleted)
        {
            return false; // before building the document's string for nothing
        }

        var text = input.DocumentText;
        // Lines of a secret-bearing file never enter a prompt, so they have no business in the tokenizer's memory either.
        return SecretFiles.IsSecret(input.FilePath ?? input.Uri, text) || _options.Tokenizer.Prime(text);
    }

    public IAsyncEnumerable<string> StopEarly(IAsyncEnumerable<string> stream, CompletionPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(prompt);
        return StreamStopper.StopEarly(stream, prompt, cancellationToken);
    }

    public string? PostProcess(string completion, CompletionPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(prompt);
        var text = CompletionFilters.CutAtStopTokens(completion, prompt.Request.Stop);
        if (!prompt.Multiline)
        {
            text = CompletionFilters.KeepFirstLine(text);
        }

        text = CompletionFilters.TrimTrailingWhitespace(text);
        text = CompletionFilters.RemoveDuplicatedClosingLines(text, prompt.Suffix);
        // One rule for text right of the cursor: auto-closed closers are replaced by the item's range (AutoClosedOverlap),
        // so the completion keeps them; code after the cursor cannot be replaced, so a completion's copy of it is cut.
        if (CompletionFilters.AutoClosers(prompt.Suffix).Length == 0)
        {
            text = CompletionFilters.RemoveSuffixOverlap(text, prompt.Suffix);
        }
        var kept = CompletionFilters.DropRepetition(text, prompt.Prefix);
        if (kept is null)
        {
            return null;
        }

        text = CompletionFilters.NormalizeIndentation(kept, prompt.Prefix, prompt.Suffix);
        text = CompletionFilters.TrimTrailingWhitespace(text);
        // A completion that is only the closers it would replace changes nothing.
        var replaced = CompletionFilters.AutoClosedOverlap(text, prompt.Suffix);
        return CompletionFilters.IsTooShort(text, prompt.Prefix) || text.Trim().Length == replaced ? null : text;
    }

    private void AppendSnippets(StringBuilder context, CompletionInput input)
    {
        var budget = _options.SnippetTokens;
        foreach (var snippet in input.Snippets)
        {
            if (SecretFiles.IsSecret(snippet.FilePath, snippet.Text))
            {
                continue;
            }

            var header = LanguageComments.Comment(input.LanguageId, "Path: " + snippet.FilePath) + "\n";
            var headerTokens = _options.Tokenizer.CountLine(header) + 1;
            if (headerTokens >= budget)
            {
                return;
            }

            context.Append(header);
            budget -= headerTokens;
            foreach (var line in TextLines.Split(snippet.Text.TrimEnd()))
            {
                var commented = LanguageComments.Comment(input.LanguageId, line);
                var tokens = _options.Tokenizer.CountLine(commented) + 1;
                if (tokens > budget)
                {
                    return;
                }

                context.Append(commented).Append('\n');
                budget -= tokens;
            }
        }
    }
}
