using System.Text.Json;

namespace Qoder.Lsp.Protocol;

public sealed record ExecuteCommandParams
{
    public required string Command { get; init; }
    public IReadOnlyList<JsonElement>? Arguments { get; init; }
}
