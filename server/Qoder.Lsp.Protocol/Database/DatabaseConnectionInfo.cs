namespace Qoder.Lsp.Protocol;

/// <summary>A database connection as clients see it: never its password (<see cref="Connection"/> is masked).</summary>
public sealed record DatabaseConnectionInfo
{
    public required string Name { get; init; }

    /// <summary><c>postgresql</c>, <c>mysql</c>, <c>mariadb</c>, <c>sqlserver</c> or <c>sqlite</c>.</summary>
    public required string Dialect { get; init; }

    /// <summary><c>settings</c> (the <c>databases</c> setting) or <c>client</c> (<c>qoder/database/register</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The connection string with every password replaced by <c>***</c>.</summary>
    public required string Connection { get; init; }

    /// <summary>True when writes are refused on this connection even with the user's confirmation.</summary>
    public bool ReadOnly { get; init; }

    public DatabaseSchemaFilter? Schemas { get; init; }

    /// <summary><c>notLoaded</c> (not introspected yet), <c>loading</c>, <c>ready</c> or <c>error</c>.</summary>
    public required string State { get; init; }

    /// <summary>What went wrong when <see cref="State"/> is <c>error</c>, as the database reported it, without credentials.</summary>
    public string? Message { get; init; }

    /// <summary>Tables and views introspected, once <see cref="State"/> is <c>ready</c>.</summary>
    public int? TableCount { get; init; }

    /// <summary>When the cached schema was read (ISO 8601, UTC).</summary>
    public string? IntrospectedAt { get; init; }
}
