namespace Qoder.Lsp.Database.Rendering;

/// <summary>One schema's DDL, starting with <c>-- dialect: name</c>: what a client adds to the chat context as a .sql file.</summary>
public sealed record SchemaFile(string Schema, string Ddl);
