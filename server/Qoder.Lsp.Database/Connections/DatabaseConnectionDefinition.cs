using System.Text;
using Qoder.Lsp.Database.Introspection;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Connections;

/// <summary>
/// A named connection from settings or registered by a client. The connection string is a secret:
/// <see cref="ToString"/> and every message built from this record show <see cref="MaskedConnectionString"/> only.
/// </summary>
public sealed record DatabaseConnectionDefinition
{
    public required string Name { get; init; }
    public required DatabaseDialect Dialect { get; init; }

    /// <summary>As the provider takes it (URLs already converted). Never put it in a response, a log line or a prompt.</summary>
    public required string ConnectionString { get; init; }

    public SchemaFilter Schemas { get; init; } = SchemaFilter.All;
    public bool ReadOnly { get; init; }

    /// <summary><c>settings</c> or <c>client</c>.</summary>
    public string Source { get; init; } = "settings";

    public string MaskedConnectionString => ConnectionStrings.Mask(ConnectionString);

    /// <summary>The secrets to strip from any text about this connection: the password and the whole connection string.</summary>
    public IReadOnlyList<string> Secrets => [.. ConnectionStrings.Passwords(ConnectionString), ConnectionString];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Dialect = {Dialect}, ConnectionString = {MaskedConnectionString}, ReadOnly = {ReadOnly}, Source = {Source}");
        return true;
    }
}
