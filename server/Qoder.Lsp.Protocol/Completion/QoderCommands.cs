namespace Qoder.Lsp.Protocol;

/// <summary>Commands the server runs through <c>workspace/executeCommand</c>.</summary>
public static class QoderCommands
{
    /// <summary>Arguments: [item id]. Attached to every inline completion item; the client runs it when the user accepts the item.</summary>
    public const string DidAcceptCompletion = "qoder.didAcceptCompletion";
}
