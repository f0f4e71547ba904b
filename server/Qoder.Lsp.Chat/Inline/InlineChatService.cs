using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Chat.Prompt;
using Qoder.Lsp.Chat.Turns;

namespace Qoder.Lsp.Chat.Inline;

/// <summary>
/// Inline chat: the model rewrites the selected lines (or writes code at the cursor) following an instruction, with
/// the code around it, @-context and rules in the prompt; the answer comes back as hunks the editor shows as a diff.
/// The selection is widened to whole lines, because models rewrite lines, not fragments of them.
/// </summary>
public sealed partial class InlineChatService(IChatEnvironment environment)
{
    private const int SurroundingTokens = 3_000;

    public async Task<InlineChatResult> RunAsync(InlineChatRequest request, ChatModel model, Func<ChatTurnEvent, Task> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Instruction))
        {
            throw new ChatRequestException("The instruction is empty.");
        }

        var text = request.DocumentText;
        if (request.StartOffset < 0 || request.EndOffset < request.StartOffset || request.EndOffset > text.Length)
        {
            throw new ChatRequestException("The range is outside the document.");
        }

        var (start, end) = WidenToLines(text, request.StartOffset, request.EndOffset);
        var generating = string.IsNullOrWhiteSpace(text[start..end]);
        var context = await new ContextResolver(environment).ResolveAsync(request.Context, request.Instruction, model.SupportsImages, cancellationToken).ConfigureAwait(false);
        var rules = environment.Rules([request.Path, .. context.Paths], context.ManualRules);
        var messages = Prompt(request, start, end, generating, context, rules);

        var reply = new StringBuilder();
        await foreach (var update in model.Client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = model.MaxOutputTokens }, cancellationToken).ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 } delta)
            {
                reply.Append(delta);
                await report(ChatTurnEvent.Delta(delta)).ConfigureAwait(false);
            }
        }

        var code = ExtractCode(reply.ToString());
        var old = text[start..end];
        // Keep the line structure the editor had: a widened selection ends with its line break, so the new code does too.
        if (old.EndsWith('\n') && !code.EndsWith('\n'))
        {
            code += LineBreakOf(old);
        }
        else if (!old.EndsWith('\n') && code.EndsWith('\n'))
        {
            code = code.TrimEnd('\r', '\n');
        }

        var hunks = HunkDiffer.Diff(old, code, start, "h");
        return new InlineChatResult(start, end, code, hunks, rules.Notes);
    }

    private static List<ChatMessage> Prompt(InlineChatRequest request, int start, int end, bool generating, ResolvedContext context, ChatRules rules)
    {
        var text = request.DocumentText;
        var language = FenceLanguages.FromPath(request.Path);
        var system = new StringBuilder();
        system.Append("You are Qoder's inline chat, editing code in the user's editor.\n");
        system.Append(generating
            ? "Write the code to insert at <cursor/> that does what the user asks.\n"
            : "Rewrite the code between <selection> and </selection> as the user asks. Keep what the instruction does not ask to change.\n");
        system.Append("Answer with only the resulting code in one fenced code block: no explanation, no code from outside the ")
            .Append(generating ? "insertion point" : "selection")
            .Append(", and the indentation the surrounding code uses.\n");
        if (rules.Text.Length > 0)
        {
            system.Append('\n').Append(rules.Text.TrimEnd()).Append('\n');
        }

        var user = new StringBuilder();
        foreach (var block in context.Blocks)
        {
            user.Append("## ").Append(block.Title).Append("\n```").Append(block.Language).Append('\n').Append(block.Body.TrimEnd('\n')).Append("\n```\n\n");
        }

        var before = ChatTokenCounter.TakeLines(Reverse(text[..start]), SurroundingTokens).Text;
        var after = ChatTokenCounter.TakeLines(text[end..], SurroundingTokens).Text;
        user.Append("File ").Append(request.Path).Append(":\n```").Append(language).Append('\n');
        user.Append(Reverse(before));
        user.Append(generating ? "<cursor/>" : "<selection>\n" + text[start..end] + "</selection>\n");
        user.Append(after).Append("\n```\n\n");
        user.Append("Instruction: ").Append(request.Instruction.Trim());
        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()), new(ChatRole.User, user.ToString()) };
        foreach (var image in context.Images)
        {
            messages[^1].Contents.Add(new DataContent(image.Data, image.MediaType) { Name = image.Name });
        }

        return messages;
    }

    /// <summary>Whole lines: from the start of the first line to the end of the last (with its line break), unless the selection ends at a line start.</summary>
    private static (int Start, int End) WidenToLines(string text, int start, int end)
    {
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        if (end > start && end > 0 && text[end - 1] == '\n')
        {
            return (lineStart, end);
        }

        var newline = text.IndexOf('\n', end);
        return (lineStart, newline < 0 ? text.Length : newline + 1);
    }

    private static string ExtractCode(string reply)
    {
        var fenced = FencedBlock().Match(reply);
        var code = fenced.Success ? fenced.Groups["code"].Value : reply.Trim() + "\n";
        return code.Replace("<selection>\n", string.Empty, StringComparison.Ordinal)
            .Replace("</selection>\n", string.Empty, StringComparison.Ordinal)
            .Replace("<cursor/>", string.Empty, StringComparison.Ordinal);
    }

    private static string LineBreakOf(string text) => text.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    // Lines taken backwards from the cursor: reverse the line order, take, reverse back.
    private static string Reverse(string text) => string.Join('\n', text.Split('\n').Reverse());

    [GeneratedRegex(@"^[ \t]*(`{3,}|~{3,})[^\n]*\n(?<code>.*?)^[ \t]*\1[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FencedBlock();
}
