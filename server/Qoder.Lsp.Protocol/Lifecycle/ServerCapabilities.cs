namespace Qoder.Lsp.Protocol;

public sealed record ServerCapabilities
{
    public string PositionEncoding { get; init; } = "utf-16";
    public TextDocumentSyncOptions TextDocumentSync { get; init; } = new();
    public WorkspaceServerCapabilities Workspace { get; init; } = new();
    public InlineCompletionOptions? InlineCompletionProvider { get; init; } = new();
    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; } = new([QoderCommands.DidAcceptCompletion]);
    public ExperimentalServerCapabilities Experimental { get; init; } = new();
}
