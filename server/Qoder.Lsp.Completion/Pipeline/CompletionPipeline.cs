using System.Text;

namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The pure part of inline completion: builds the FIM prompt around the cursor, stops the stream when the
/// completion is complete, and cleans the answer. No IO and no shared mutable state, so one instance serves every
/// request concurrently; everything is proportional to the prompt windows, never to the document.
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
        var prefix = PrefixWindow(input.Text, offset, _options.PrefixTokens * TokenEstimate.CharsPerToken);
        var suffix = SuffixWindow(input.Text, offset, _options.SuffixTokens * TokenEstimate.CharsPerToken);
        var multiline = MultilineDecision.IsMultiline(prefix, suffix, input.LanguageId);

        var context = new StringBuilder();
        AppendSnippets(context, input);
        context.Append(LanguageComments.Comment(input.LanguageId, "Path: " + path)).Append('\n');
        context.Append(LanguageComments.Comment(input.LanguageId, "Language: " + input.LanguageId)).Append('\n');

        var request = TemplateFor(modelName).CreateRequest(context + prefix, suffix) with
        {
            MaxTokens = multiline ? _options.MultiLineMaxTokens : _options.SingleLineMaxTokens,
            Choices = input.Invoked ? _options.InvokedChoices : 1,
        };
        var lineIndent = TextLines.Indentation(TextLines.CurrentLinePrefix(prefix));
        return new CompletionPrompt(request, multiline, prefix, suffix, lineIndent);
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
        text = CompletionFilters.RemoveSuffixOverlap(text, prompt.Suffix);
        var kept = CompletionFilters.DropRepetition(text, prompt.Prefix);
        if (kept is null)
        {
            return null;
        }

        text = CompletionFilters.NormalizeIndentation(kept, prompt.Prefix, prompt.Suffix);
        text = CompletionFilters.TrimTrailingWhitespace(text);
        return CompletionFilters.IsTooShort(text, prompt.Prefix) ? null : text;
    }

    /// <summary>The text before the cursor within the budget, starting at a line start; the cursor's line is always whole.</summary>
    internal static string PrefixWindow(string text, int offset, int budgetChars)
    {
        var start = offset - budgetChars;
        if (start <= 0)
        {
            return text[..offset];
        }

        var lineStart = text.IndexOf('\n', start - 1) + 1;
        if (lineStart == 0 || lineStart > offset)
        {
            lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        }

        return text[lineStart..offset];
    }

    /// <summary>The text after the cursor within the budget, ending at a line end; the cursor's line is always whole.</summary>
    internal static string SuffixWindow(string text, int offset, int budgetChars)
    {
        var end = offset + budgetChars;
        if (end >= text.Length)
        {
            return text[offset..];
        }

        var lineEnd = text.LastIndexOf('\n', end);
        if (lineEnd < offset)
        {
            lineEnd = text.IndexOf('\n', offset);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
        }

        return text[offset..lineEnd];
    }

    private void AppendSnippets(StringBuilder context, CompletionInput input)
    {
        var budget = _options.SnippetTokens * TokenEstimate.CharsPerToken;
        foreach (var snippet in input.Snippets)
        {
            if (SecretFiles.IsSecret(snippet.FilePath, snippet.Text))
            {
                continue;
            }

            var header = LanguageComments.Comment(input.LanguageId, "Path: " + snippet.FilePath) + "\n";
            if (header.Length >= budget)
            {
                return;
            }

            context.Append(header);
            budget -= header.Length;
            foreach (var line in TextLines.Split(snippet.Text.TrimEnd()))
            {
                var commented = LanguageComments.Comment(input.LanguageId, line) + "\n";
                if (commented.Length > budget)
                {
                    return;
                }

                context.Append(commented);
                budget -= commented.Length;
            }
        }
    }
}
