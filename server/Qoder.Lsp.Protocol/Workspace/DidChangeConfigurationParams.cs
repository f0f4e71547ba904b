using System.Text.Json;

namespace Qoder.Lsp.Protocol;

/// <summary>Clients push either the whole settings tree or an empty object meaning "pull again" (VS Code sends null settings when it uses the pull model).</summary>
public sealed record DidChangeConfigurationParams(JsonElement? Settings);
