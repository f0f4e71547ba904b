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
}
