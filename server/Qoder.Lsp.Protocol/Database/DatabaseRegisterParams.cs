namespace Qoder.Lsp.Protocol;

/// <summary>A connection the client adds at run time (e.g. an IDE data source); it replaces a registered or configured connection of the same name.</summary>
public sealed record DatabaseRegisterParams
{
    public required string Name { get; init; }

    /// <summary><c>postgresql</c>, <c>mysql</c>, <c>mariadb</c>, <c>sqlserver</c> or <c>sqlite</c>.</summary>
    public required string Dialect { get; init; }

    /// <summary>The provider's connection string or a <c>postgresql://</c>/<c>mysql://</c> URL. It is kept in memory only and never echoed.</summary>
    public required string ConnectionString { get; init; }

    public DatabaseSchemaFilter? Schemas { get; init; }

    /// <summary>True to refuse writes on this connection even with the user's confirmation.</summary>
    public bool? ReadOnly { get; init; }
}
