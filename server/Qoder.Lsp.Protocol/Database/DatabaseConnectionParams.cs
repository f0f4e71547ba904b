namespace Qoder.Lsp.Protocol;

/// <summary>Names a connection (<c>qoder/database/refresh</c>).</summary>
public sealed record DatabaseConnectionParams
{
    public required string Connection { get; init; }
}
