namespace Qoder.Lsp.Protocol;

/// <summary>Names of our protocol extensions; protocol/README.md specifies each.</summary>
public static class QoderMethods
{
    public const string ProtocolVersion = "0.1";

    /// <summary>Notification server→client, and request client→server answering the same <see cref="QoderStatus"/>.</summary>
    public const string Status = "qoder/status";

    /// <summary>Request server→client: <see cref="ConfirmParams"/> → <see cref="ConfirmResult"/>.</summary>
    public const string Confirm = "qoder/confirm";

    /// <summary>Notification client→server: <see cref="DidShowCompletionParams"/>; an inline completion item was displayed.</summary>
    public const string DidShowCompletion = "qoder/didShowCompletion";

    /// <summary>Notification client→server: <see cref="DidPartiallyAcceptCompletionParams"/>; part of an inline completion item was accepted.</summary>
    public const string DidPartiallyAcceptCompletion = "qoder/didPartiallyAcceptCompletion";

    /// <summary>Request client→server: <see cref="NextEditParams"/> → <see cref="NextEditResult"/>; edits predicted from the user's latest edit (e.g. the rest of a rename), in this and other files.</summary>
    public const string NextEdit = "qoder/nextEdit";

    /// <summary>Notification client→server: <see cref="DidShowNextEditParams"/>; a next edit item was displayed (unanswered, it counts as rejected at the next request for its document).</summary>
    public const string DidShowNextEdit = "qoder/didShowNextEdit";

    /// <summary>Request client→server: no params → <see cref="DatabaseListResult"/>; the database connections and their state.</summary>
    public const string DatabaseList = "qoder/database/list";

    /// <summary>Request client→server: <see cref="DatabaseRegisterParams"/> → <see cref="DatabaseConnectionInfo"/>; adds a connection at run time.</summary>
    public const string DatabaseRegister = "qoder/database/register";

    /// <summary>Request client→server: <see cref="DatabaseSchemaParams"/> → <see cref="DatabaseSchemaResult"/>; schema DDL for the chat context.</summary>
    public const string DatabaseSchema = "qoder/database/schema";

    /// <summary>Request client→server: <see cref="DatabaseConnectionParams"/> → <see cref="DatabaseConnectionInfo"/>; introspects the connection again.</summary>
    public const string DatabaseRefresh = "qoder/database/refresh";

    /// <summary>Request client→server: <see cref="DatabaseExecuteParams"/> → <see cref="DatabaseExecuteResult"/>; runs SQL, read-only unless the user confirms a write.</summary>
    public const string DatabaseExecute = "qoder/database/execute";

    /// <summary>Request client→server: <see cref="DatabaseGenerateSqlParams"/> → <see cref="DatabaseGenerateSqlResult"/>; natural language → SQL with the chat model, checked against the schema.</summary>
    public const string DatabaseGenerateSql = "qoder/database/generateSql";

    /// <summary>Request client→server: <see cref="SearchParams"/> → <see cref="SearchResult"/>; searches the codebase index (hybrid, lexical, semantic or symbol).</summary>
    public const string Search = "qoder/search";

    /// <summary>Request client→server: no params → <see cref="IndexStatusResult"/>; the codebase index's state and counts.</summary>
    public const string IndexStatus = "qoder/index/status";

    /// <summary>Request client→server: no params → <see cref="IndexStatusResult"/>; empties the index and indexes every workspace folder again, whatever its size.</summary>
    public const string IndexRebuild = "qoder/index/rebuild";

    /// <summary>Request client→server: no params → <see cref="IndexStatusResult"/>; pauses indexing (search keeps answering from what is indexed).</summary>
    public const string IndexPause = "qoder/index/pause";

    /// <summary>Request client→server: no params → <see cref="IndexStatusResult"/>; resumes paused indexing.</summary>
    public const string IndexResume = "qoder/index/resume";

    /// <summary>Request client→server: no params → <see cref="RuleListResult"/>; the rule files (user, project, nested folders) with their trigger, for the @rule picker and a rules settings page.</summary>
    public const string RulesList = "qoder/rules/list";

    /// <summary>Request client→server: no params → <see cref="CommandListResult"/>; the slash commands (built-in, project, user) and the command files that are not usable.</summary>
    public const string CommandsList = "qoder/commands/list";

    /// <summary>Request client→server: <see cref="ChatTurnParams"/> → <see cref="ChatTurnResult"/>; one chat message, the reply streamed as <see cref="ChatProgressReport"/> on the workDoneToken.</summary>
    public const string ChatTurn = "qoder/chat/turn";

    /// <summary>Request client→server: no params → <see cref="ChatSessionsResult"/>; the stored chat sessions, most recent first.</summary>
    public const string ChatSessions = "qoder/chat/sessions";

    /// <summary>Request client→server: <see cref="ChatSessionParams"/> → <see cref="ChatSessionResult"/>; one session with its history.</summary>
    public const string ChatSession = "qoder/chat/session";

    /// <summary>Request client→server: <see cref="ChatSessionParams"/> → null; deletes a session and its history.</summary>
    public const string ChatDeleteSession = "qoder/chat/deleteSession";

    /// <summary>Request client→server: <see cref="ChatRenameSessionParams"/> → null; renames a session.</summary>
    public const string ChatRenameSession = "qoder/chat/renameSession";

    /// <summary>Request client→server: <see cref="InlineChatParams"/> → <see cref="InlineChatResult"/>; rewrite or generate code in place, returned as hunks.</summary>
    public const string InlineChat = "qoder/inlineChat";

    /// <summary>Request client→server: <see cref="ContextSearchParams"/> → <see cref="ContextSearchResult"/>; the @-completion: files, folders, rules and databases, fuzzy-matched, current and recent files first.</summary>
    public const string ContextSearch = "qoder/context/search";

    /// <summary>Request client→server: <see cref="MemoryListParams"/> → <see cref="MemoryListResult"/>; long-term memories, filtered by scope or project.</summary>
    public const string MemoryList = "qoder/memory/list";

    /// <summary>Request client→server: <see cref="MemoryAddParams"/> → <see cref="MemoryItem"/>; stores a memory the user wrote.</summary>
    public const string MemoryAdd = "qoder/memory/add";

    /// <summary>Request client→server: <see cref="MemoryUpdateParams"/> → <see cref="MemoryItem"/>; replaces a memory's content.</summary>
    public const string MemoryUpdate = "qoder/memory/update";

    /// <summary>Request client→server: <see cref="MemoryDeleteParams"/> → <see cref="MemoryDeleteResult"/>; deletes one memory.</summary>
    public const string MemoryDelete = "qoder/memory/delete";

    /// <summary>Request client→server: <see cref="MemoryClearParams"/> → <see cref="MemoryDeleteResult"/>; deletes every memory, or those of a scope or project.</summary>
    public const string MemoryClear = "qoder/memory/clear";
}
