namespace Qoder.Lsp.Protocol;

/// <summary>Every known database connection, by name.</summary>
public sealed record DatabaseListResult
{
    public IReadOnlyList<DatabaseConnectionInfo> Connections { get; init; } = [];
}
