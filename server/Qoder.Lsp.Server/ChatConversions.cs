using System.Globalization;
using Qoder.Lsp.Chat;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Chat.Inline;
using Qoder.Lsp.Chat.Replies;
using Qoder.Lsp.Chat.Search;
using Qoder.Lsp.Chat.Sessions;
using Qoder.Lsp.Chat.Turns;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Chat wire types ↔ chat engine types, in one place.</summary>
internal static class ChatConversions
{
    public static IReadOnlyList<ChatContextItem> ToContextItems(IReadOnlyList<ChatContextItemParams>? items) =>
        items is null ? [] : [.. items.Select(ToContextItem)];

    public static ChatProgressReport ToReport(ChatTurnEvent update) => new()
    {
        Type = update.Kind switch
        {
            ChatTurnEventKind.Text => "text",
            ChatTurnEventKind.Thinking => "thinking",
            ChatTurnEventKind.References => "references",
            ChatTurnEventKind.ToolCall => "toolCall",
            ChatTurnEventKind.Usage => "usage",
            ChatTurnEventKind.Todos => "todos",
            _ => "notice",
        },
        Text = update.Text,
        References = update.Paths is null ? null : [.. update.Paths.Select(DocumentUris.ToFileUri)],
        ToolCall = update.ToolCall is { } call ? new ChatToolCallInfo(call.Id, call.Name, call.Arguments, call.Status, call.Result) : null,
        Usage = update.Usage is { } usage ? ToUsage(usage) : null,
        Todos = update.Todos is null ? null : [.. update.Todos.Select(ToTodo)],
    };

    public static Protocol.ChatTurnResult ToResult(Chat.Turns.ChatTurnResult result, IReadOnlyList<string> workspaceRoots) => new()
    {
        SessionId = result.SessionId,
        TurnId = result.TurnId,
        Reply = result.Reply,
        Usage = ToUsage(result.Usage),
        ContextTokens = result.ContextTokens,
        ContextWindow = result.ContextWindow,
        CompactSuggested = result.CompactSuggested,
        Notes = result.Notes,
        CodeBlocks = [.. result.CodeBlocks.Select(block => new ChatCodeBlock
        {
            Index = block.Index,
            Language = block.Language,
            Path = block.Path,
            Uri = block.Path is { } path && workspaceRoots.Count > 0 ? DocumentUris.ToFileUri(Path.Combine(workspaceRoots[0], path)) : null,
            Code = block.Code,
        })],
        Todos = [.. result.Todos.Select(ToTodo)],
    };

    public static ChatSessionSummary ToSummary(ChatSessionInfo session) =>
        new(session.Id, session.Title, ChatModes.ToName(session.Mode), Time(session.CreatedAt), Time(session.UpdatedAt), session.ContextTokens);

    public static ChatHistoryMessage ToHistoryMessage(StoredChatMessage message) =>
        new(message.Sequence, message.TurnId, Name(message.Author), message.Text, Name(message.State), message.Compacted, Time(message.CreatedAt));

    public static Protocol.InlineChatResult ToInlineResult(Chat.Inline.InlineChatResult result, TextDocument document) => new()
    {
        Range = Range(document, result.StartOffset, result.EndOffset),
        NewText = result.NewText,
        Hunks = [.. result.Hunks.Select(hunk => new InlineChatHunk(hunk.Id, Range(document, hunk.StartOffset, hunk.EndOffset), hunk.OldText, hunk.NewText))],
        Version = document.Version,
        Notes = result.Notes,
    };

    public static ContextSearchItem ToSearchItem(ContextSuggestion suggestion)
    {
        var candidate = suggestion.Candidate;
        var isPath = candidate.Kind is ContextCandidateKind.File or ContextCandidateKind.Folder;
        return new ContextSearchItem
        {
            Kind = Name(candidate.Kind),
            Label = candidate.Label,
            Description = candidate.Description,
            Uri = isPath && candidate.Path is { } path ? DocumentUris.ToFileUri(path) : null,
            Name = isPath ? null : candidate.Label,
            LabelMatches = suggestion.LabelMatches,
            DescriptionMatches = suggestion.DescriptionMatches,
        };
    }

    private static ChatContextItem ToContextItem(ChatContextItemParams item)
    {
        var kind = item.Kind switch
        {
            "file" => ChatContextKind.File,
            "selection" => ChatContextKind.Selection,
            "folder" => ChatContextKind.Folder,
            "rule" => ChatContextKind.Rule,
            "codebase" => ChatContextKind.Codebase,
            "database" => ChatContextKind.Database,
            "attachment" => ChatContextKind.Attachment,
            _ => throw new ArgumentException($"Unknown context kind '{item.Kind}'; expected file, selection, folder, rule, codebase, database or attachment."),
        };
        string? path = null;
        if (item.Uri is { } uri)
        {
            path = DocumentUris.TryGetLocalPath(uri) ?? throw new ArgumentException($"'{uri}' is not a local file URI.");
        }

        ReadOnlyMemory<byte>? data = null;
        if (item.Data is { } base64)
        {
            try
            {
                data = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw new ArgumentException($"The data of attachment '{item.Name}' is not valid base64.");
            }
        }

        return new ChatContextItem
        {
            Kind = kind,
            Path = path,
            StartLine = item.Range?.Start.Line,
            EndLine = item.Range is { } range ? (range.End.Character == 0 && range.End.Line > range.Start.Line ? range.End.Line - 1 : range.End.Line) : null,
            Text = item.Text,
            Name = item.Name,
            Query = item.Query,
            MediaType = item.MediaType,
            Data = data,
        };
    }

    private static ChatTodoItem ToTodo(ChatTodo todo) => new(todo.Index, todo.Text, todo.Done);

    private static ChatUsageInfo ToUsage(ChatUsage usage) => new(usage.InputTokens, usage.OutputTokens, usage.Estimated);

    private static Protocol.Range Range(TextDocument document, int start, int end) =>
        new(ProtocolConversions.ToPosition(document.PositionOf(start)), ProtocolConversions.ToPosition(document.PositionOf(end)));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
