using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Models;

/// <summary>
/// Raw completion for chat-only models: the prefix and suffix become a "complete the code at &lt;CURSOR&gt;" chat
/// prompt and the chat deltas are streamed back. Slower and less exact than real FIM, but it lets a user with
/// only a chat endpoint (Anthropic, most hosted APIs) get inline completions at all.
/// </summary>
internal sealed class ChatPromptTextCompletionClient(IChatClient chat, string modelId) : ITextCompletionClient
{
    public const string CursorMarker = "<CURSOR>";

    private const string SystemPrompt =
        "You are a code completion engine. The user sends a file with the marker " + CursorMarker + " at the cursor. " +
        "Reply with exactly the text to insert at " + CursorMarker + " and nothing else: no explanations, no Markdown fences, " +
        "no repetition of the code before or after the cursor. Reply with nothing if nothing should be inserted.";

    public string ModelId => modelId;

    public async IAsyncEnumerable<string> StreamAsync(FimRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new ChatOptions
        {
            MaxOutputTokens = request.MaxTokens,
            Temperature = request.Temperature,
            StopSequences = request.Stop.Count > 0 ? [.. request.Stop] : null,
        };

        await foreach (var update in chat.GetStreamingResponseAsync(BuildMessages(request), options, cancellationToken).ConfigureAwait(false))
        {
            var text = update.Text;
            if (!string.IsNullOrEmpty(text))
            {
                yield return text;
            }
        }
    }

    internal static List<ChatMessage> BuildMessages(FimRequest request) =>
    [
        new(ChatRole.System, SystemPrompt),
        new(ChatRole.User, "Complete the code at " + CursorMarker + ".\n\n" + request.Prompt + CursorMarker + (request.Suffix ?? string.Empty)),
    ];
}
