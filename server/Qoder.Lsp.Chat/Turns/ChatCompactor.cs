using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Chat.Prompt;
using Qoder.Lsp.Chat.Sessions;

namespace Qoder.Lsp.Chat.Turns;

/// <summary>
/// Replaces a session's history with a dense summary written by the model (<c>/compact</c>, or automatically before
/// the window would overflow). Lossy by design, and it says so; the compacted messages stay in the store for the user
/// to read, they just no longer reach the model.
/// </summary>
public sealed class ChatCompactor(ChatSessionStore store)
{
    private const string Instructions = """
        You compress a conversation between a developer and an AI coding assistant into a summary the assistant will
        continue from, instead of the conversation itself. Keep: the user's goals and constraints, decisions and their
        reasons, file paths, symbol names, commands, code that was agreed on (verbatim when short), errors seen, open
        questions and next steps. Drop greetings, repetition and superseded ideas. Write only the summary, as dense
        Markdown bullet points.
        """;

    /// <returns>How many messages were compacted and the summary; (0, null) when there was nothing to compact.</returns>
    public async Task<(int Compacted, string? Summary)> CompactAsync(string sessionId, string turnId, string? userInstructions, ChatModel model, CancellationToken cancellationToken)
    {
        var live = store.Messages(sessionId).Where(message => !message.Compacted).ToList();
        if (live.Count(message => message.Author != ChatAuthor.Summary) < 2)
        {
            return (0, null);
        }

        // The transcript must itself fit: keep the newest messages that do, and say that older ones were cut.
        var budget = Math.Max(1_000, model.ContextWindow - model.MaxOutputTokens - ChatTokenCounter.Count(Instructions) - 500);
        var kept = new List<StoredChatMessage>();
        var used = 0;
        for (var i = live.Count - 1; i >= 0; i--)
        {
            var cost = ChatTokenCounter.Count(live[i].Text) + 8;
            if (used + cost > budget && kept.Count > 0)
            {
                break;
            }

            kept.Insert(0, live[i]);
            used += cost;
        }

        var transcript = new StringBuilder();
        if (kept.Count < live.Count)
        {
            transcript.Append(CultureInfo.InvariantCulture, $"[{live.Count - kept.Count} older messages did not fit and are not shown.]\n\n");
        }

        foreach (var message in kept)
        {
            transcript.Append(message.Author switch
            {
                ChatAuthor.User => "## User\n",
                ChatAuthor.Assistant => "## Assistant\n",
                _ => "## Summary of what came before\n",
            }).Append(message.Text.TrimEnd()).Append("\n\n");
        }

        if (!string.IsNullOrWhiteSpace(userInstructions))
        {
            transcript.Append("# The user's instructions for this summary\n").Append(userInstructions.Trim()).Append('\n');
        }

        var response = await model.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, transcript.ToString())],
            new ChatOptions { MaxOutputTokens = model.MaxOutputTokens },
            cancellationToken).ConfigureAwait(false);
        var summary = response.Text.Trim();
        if (summary.Length == 0)
        {
            throw new ChatRequestException("The model returned an empty summary; the history was left as it was.");
        }

        // Atomic: the history is marked compacted and the summary stored in one transaction, or neither.
        store.Compact(sessionId, live[^1].Sequence, turnId, summary);
        return (live.Count, summary);
    }
}
