using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Chat.Sessions;

namespace Qoder.Lsp.Chat.Prompt;

/// <summary>
/// Builds the messages of a chat turn: a system prompt (role, mode, reply format, rules, memories, the compacted
/// summary), the history since the last compaction, and the user's message with its context blocks. Context blocks
/// get what the window leaves after everything else; a block that does not fit is cut to whole lines with a note the
/// model sees and the user is told about — nothing is dropped silently.
/// </summary>
public static class ChatPromptBuilder
{
    /// <summary>Below this many tokens of room a block is omitted (with a note) rather than cut to a useless stub.</summary>
    private const int MinimumBlockTokens = 64;

    public static ChatPrompt Build(ChatPromptInput input, int tokenBudget)
    {
        var notes = new List<string>(input.Rules.Notes);

        var (history, summary) = SplitHistory(input.History);
        var system = SystemPrompt(input, summary);
        var historyMessages = history.Select(ToChatMessage).ToList();
        var messagesTokens = history.Sum(message => ChatTokenCounter.Count(message.Text) + 4);
        var historyTokens = messagesTokens + (summary is null ? 0 : ChatTokenCounter.Count(summary));
        // The summary is part of the system prompt, so it is counted there.
        var used = ChatTokenCounter.Count(system) + ChatTokenCounter.Count(input.Message) + messagesTokens + 16;

        var user = new StringBuilder();
        var room = tokenBudget - used;
        foreach (var block in input.Context.Blocks)
        {
            var body = block.Body;
            var cost = ChatTokenCounter.Count(body) + ChatTokenCounter.Count(block.Title) + 8;
            if (cost > room)
            {
                if (room < MinimumBlockTokens)
                {
                    var omitted = $"{block.Title} was left out: the context window has no room for it.";
                    notes.Add(omitted);
                    user.Append("## ").Append(block.Title).Append("\n[").Append(omitted).Append("]\n\n");
                    room -= 24;
                    continue;
                }

                var (kept, keptLines, totalLines) = ChatTokenCounter.TakeLines(body, room - ChatTokenCounter.Count(block.Title) - 40);
                var trimmed = string.Create(CultureInfo.InvariantCulture, $"{block.Title} was trimmed to its first {keptLines} of {totalLines} lines to fit the context window.");
                notes.Add(trimmed);
                body = kept + "\n[" + trimmed + "]";
                cost = room;
            }

            room -= cost;
            user.Append("## ").Append(block.Title).Append('\n');
            user.Append("```").Append(block.Language).Append('\n').Append(body.TrimEnd('\n')).Append("\n```\n\n");
        }

        var contextTokens = Math.Max(0, tokenBudget - used - room);
        if (user.Length > 0)
        {
            user.Insert(0, "# Context\n\n");
            user.Append("# Request\n\n");
        }

        user.Append(input.Message);
        var userMessage = new ChatMessage(ChatRole.User, user.ToString());
        foreach (var image in input.Context.Images)
        {
            userMessage.Contents.Add(new DataContent(image.Data, image.MediaType) { Name = image.Name });
        }

        List<ChatMessage> messages = [new(ChatRole.System, system), .. historyMessages, userMessage];
        return new ChatPrompt(messages, used + contextTokens, historyTokens, notes);
    }

    /// <summary>Messages after the last summary, and that summary (the history before it no longer reaches the model).</summary>
    private static (IReadOnlyList<StoredChatMessage> History, string? Summary) SplitHistory(IReadOnlyList<StoredChatMessage> history)
    {
        var live = history.Where(message => !message.Compacted).ToList();
        var lastSummary = live.FindLastIndex(message => message.Author == ChatAuthor.Summary);
        return lastSummary < 0
            ? (live.Where(message => message.Author != ChatAuthor.Summary).ToList(), null)
            : (live.Skip(lastSummary + 1).Where(message => message.Author != ChatAuthor.Summary).ToList(), live[lastSummary].Text);
    }

    private static ChatMessage ToChatMessage(StoredChatMessage message)
    {
        var text = message.State switch
        {
            ChatMessageState.Cancelled => message.Text + "\n[The user stopped this reply here.]",
            ChatMessageState.Streaming or ChatMessageState.Failed => message.Text + "\n[This reply was interrupted.]",
            _ => message.Text,
        };
        return new ChatMessage(message.Author == ChatAuthor.User ? ChatRole.User : ChatRole.Assistant, text);
    }

    private static string SystemPrompt(ChatPromptInput input, string? summary)
    {
        var system = new StringBuilder();
        system.Append("You are Qoder, an AI coding assistant working inside the user's IDE.\n");
        system.Append(input.Mode switch
        {
            ChatMode.Plan => "Mode: Plan. Study the request and the code, then answer with a numbered plan of concrete steps (files and symbols involved, risks, how to verify). Do not write the full implementation and do not change files.\n",
            _ => "Mode: Ask. Answer questions, explain code and propose changes. You cannot change files or run commands: the user applies your code blocks.\n",
        });
        if (input.ToolsAvailable)
        {
            system.Append("You may call the read-only tools to read files, list folders, search the codebase and read rules before answering.\n");
        }

        system.Append("Reply in Markdown. When a code block is meant for a file, write the file's workspace-relative path after the language on the opening fence, e.g. ```csharp path=src/App.cs\n");
        if (!string.IsNullOrWhiteSpace(input.ResponseLanguage))
        {
            system.Append("Always reply in ").Append(input.ResponseLanguage.Trim()).Append(", whatever the language of the question; keep code and identifiers as they are.\n");
        }

        if (input.WorkspaceRoots.Count > 0)
        {
            system.Append("Workspace: ").AppendJoin(", ", input.WorkspaceRoots).Append('\n');
        }

        if (input.Rules.Text.Length > 0)
        {
            system.Append('\n').Append(input.Rules.Text.TrimEnd()).Append('\n');
        }

        if (input.Memories.Count > 0)
        {
            system.Append("\n# Memories\nWhat the user asked you to remember, or what was learned from earlier conversations:\n");
            foreach (var memory in input.Memories)
            {
                system.Append("- ").Append(memory.ReplaceLineEndings(" ")).Append('\n');
            }
        }

        if (summary is not null)
        {
            system.Append("\n# Earlier conversation (compacted summary; details were lost)\n").Append(summary.TrimEnd()).Append('\n');
        }

        return system.ToString();
    }
}
