namespace Qoder.Lsp.Server.Rpc;

/// <summary>Standard LSP method names we serve or call.</summary>
internal static class LspMethods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidSave = "textDocument/didSave";
    public const string InlineCompletion = "textDocument/inlineCompletion";
    public const string ExecuteCommand = "workspace/executeCommand";
    public const string DidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";
    public const string DidChangeConfiguration = "workspace/didChangeConfiguration";
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string WorkspaceConfiguration = "workspace/configuration";
    public const string ApplyEdit = "workspace/applyEdit";
    public const string RegisterCapability = "client/registerCapability";
    public const string LogMessage = "window/logMessage";
    public const string ShowMessage = "window/showMessage";
    public const string ShowMessageRequest = "window/showMessageRequest";
    public const string ShowDocument = "window/showDocument";
    public const string WorkDoneProgressCreate = "window/workDoneProgress/create";
    public const string WorkDoneProgressCancel = "window/workDoneProgress/cancel";
    public const string Progress = "$/progress";
    public const string SetTrace = "$/setTrace";
}
