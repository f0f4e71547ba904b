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
}
