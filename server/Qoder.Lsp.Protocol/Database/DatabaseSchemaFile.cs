namespace Qoder.Lsp.Protocol;

/// <summary>One schema's DDL, as a client adds it to the chat context (a .sql file per schema).</summary>
public sealed record DatabaseSchemaFile
{
    public required string Schema { get; init; }

    /// <summary>Starts with <c>-- dialect: name</c> and <c>-- schema: name</c>.</summary>
    public required string Ddl { get; init; }
}
