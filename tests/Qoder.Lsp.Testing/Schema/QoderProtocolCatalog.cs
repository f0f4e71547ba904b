using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// The shape of every qoder/* message, as input for the generated schema. Server→client messages are
/// sent from LspClient's code and cannot be discovered by reflection, so they are listed here;
/// ProtocolSchemaTests checks this list against QoderMethods and against the server's registered handlers.
/// </summary>
public static class QoderProtocolCatalog
{
    /// <summary>Where clients put <see cref="QoderClientCapabilities"/> and find <see cref="QoderServerCapabilities"/>.</summary>
    public const string CapabilitiesPath = "capabilities.experimental.qoder";

    public static IReadOnlyList<ProtocolMessage> Messages { get; } =
    [
        new(QoderMethods.DidShowCompletion, MessageDirection.ClientToServer, MessageKind.Notification, typeof(DidShowCompletionParams), null),
        new(QoderMethods.DidPartiallyAcceptCompletion, MessageDirection.ClientToServer, MessageKind.Notification, typeof(DidPartiallyAcceptCompletionParams), null),
        new(QoderMethods.NextEdit, MessageDirection.ClientToServer, MessageKind.Request, typeof(NextEditParams), typeof(NextEditResult)),
        new(QoderMethods.DidShowNextEdit, MessageDirection.ClientToServer, MessageKind.Notification, typeof(DidShowNextEditParams), null),
        new(QoderMethods.Confirm, MessageDirection.ServerToClient, MessageKind.Request, typeof(ConfirmParams), typeof(ConfirmResult), "experimental.qoder.confirm"),
        new(QoderMethods.Status, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(QoderStatus)),
        new(QoderMethods.Status, MessageDirection.ServerToClient, MessageKind.Notification, typeof(QoderStatus), null, "experimental.qoder.status"),
        new(QoderMethods.DatabaseList, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(DatabaseListResult)),
        new(QoderMethods.DatabaseRegister, MessageDirection.ClientToServer, MessageKind.Request, typeof(DatabaseRegisterParams), typeof(DatabaseConnectionInfo)),
        new(QoderMethods.DatabaseSchema, MessageDirection.ClientToServer, MessageKind.Request, typeof(DatabaseSchemaParams), typeof(DatabaseSchemaResult)),
        new(QoderMethods.DatabaseRefresh, MessageDirection.ClientToServer, MessageKind.Request, typeof(DatabaseConnectionParams), typeof(DatabaseConnectionInfo)),
        new(QoderMethods.DatabaseExecute, MessageDirection.ClientToServer, MessageKind.Request, typeof(DatabaseExecuteParams), typeof(DatabaseExecuteResult)),
        new(QoderMethods.DatabaseGenerateSql, MessageDirection.ClientToServer, MessageKind.Request, typeof(DatabaseGenerateSqlParams), typeof(DatabaseGenerateSqlResult)),
        new(QoderMethods.Search, MessageDirection.ClientToServer, MessageKind.Request, typeof(SearchParams), typeof(SearchResult)),
        new(QoderMethods.IndexStatus, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(IndexStatusResult)),
        new(QoderMethods.IndexRebuild, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(IndexStatusResult)),
        new(QoderMethods.IndexPause, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(IndexStatusResult)),
        new(QoderMethods.IndexResume, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(IndexStatusResult)),
        new(QoderMethods.MemoryList, MessageDirection.ClientToServer, MessageKind.Request, typeof(MemoryListParams), typeof(MemoryListResult)),
        new(QoderMethods.MemoryAdd, MessageDirection.ClientToServer, MessageKind.Request, typeof(MemoryAddParams), typeof(MemoryItem)),
        new(QoderMethods.MemoryUpdate, MessageDirection.ClientToServer, MessageKind.Request, typeof(MemoryUpdateParams), typeof(MemoryItem)),
        new(QoderMethods.MemoryDelete, MessageDirection.ClientToServer, MessageKind.Request, typeof(MemoryDeleteParams), typeof(MemoryDeleteResult)),
        new(QoderMethods.MemoryClear, MessageDirection.ClientToServer, MessageKind.Request, typeof(MemoryClearParams), typeof(MemoryDeleteResult)),
        new(QoderMethods.RulesList, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(RuleListResult)),
        new(QoderMethods.CommandsList, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(CommandListResult)),
        new(QoderMethods.ChatTurn, MessageDirection.ClientToServer, MessageKind.Request, typeof(ChatTurnParams), typeof(ChatTurnResult)),
        new(QoderMethods.ChatSessions, MessageDirection.ClientToServer, MessageKind.Request, null, typeof(ChatSessionsResult)),
        new(QoderMethods.ChatSession, MessageDirection.ClientToServer, MessageKind.Request, typeof(ChatSessionParams), typeof(ChatSessionResult)),
        new(QoderMethods.ChatDeleteSession, MessageDirection.ClientToServer, MessageKind.Request, typeof(ChatSessionParams), typeof(ChatSessionsResult)),
        new(QoderMethods.ChatRenameSession, MessageDirection.ClientToServer, MessageKind.Request, typeof(ChatRenameSessionParams), typeof(ChatSessionSummary)),
        new(QoderMethods.InlineChat, MessageDirection.ClientToServer, MessageKind.Request, typeof(InlineChatParams), typeof(InlineChatResult)),
        new(QoderMethods.ContextSearch, MessageDirection.ClientToServer, MessageKind.Request, typeof(ContextSearchParams), typeof(ContextSearchResult)),
    ];

    /// <summary>Payloads of <c>$/progress</c> reports that requests stream on their workDoneToken (chat turns, inline chat).</summary>
    public static IReadOnlyList<Type> ProgressReports { get; } = [typeof(ChatProgressReport)];

    public static Type ClientCapabilities => typeof(QoderClientCapabilities);

    public static Type ServerCapabilities => typeof(QoderServerCapabilities);

    /// <summary>The distinct method names, ordinal order.</summary>
    public static IReadOnlyList<string> MethodNames => [.. Messages.Select(message => message.Method).Distinct().Order(StringComparer.Ordinal)];
}
