using System.Text.Json;

namespace Qoder.Lsp.Protocol;

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }
    public ClientInfo? ClientInfo { get; init; }
    public string? Locale { get; init; }
    public string? RootPath { get; init; }
    public string? RootUri { get; init; }
    public JsonElement? InitializationOptions { get; init; }
    public ClientCapabilities Capabilities { get; init; } = new();
    public string? Trace { get; init; }
    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }
}
