using Qoder.Lsp.Database.Connections;

namespace Qoder.Lsp.Database;

/// <summary>
/// What <c>qoder/database/list</c> shows of a connection. <see cref="State"/>: <c>notLoaded</c> (never
/// introspected), <c>loading</c>, <c>ready</c> or <c>error</c> (with <see cref="Message"/>, credentials removed).
/// </summary>
public sealed record DatabaseConnectionStatus
{
    public required DatabaseConnectionDefinition Definition { get; init; }
    public required string State { get; init; }
    public string? Message { get; init; }
    public int? TableCount { get; init; }
    public DateTimeOffset? IntrospectedAt { get; init; }
}
