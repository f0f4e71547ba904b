using System.Globalization;
using System.Text.Json;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Execution;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Wire ↔ engine conversions of the database feature (kept apart from <see cref="ProtocolConversions"/>, which they would double).</summary>
internal static class DatabaseConversions
{
    public static DatabaseConnectionInfo ToConnectionInfo(DatabaseConnectionStatus status)
    {
        var definition = status.Definition;
        return new DatabaseConnectionInfo
        {
            Name = definition.Name,
            Dialect = DatabaseDialects.Name(definition.Dialect),
            Source = definition.Source,
            Connection = definition.MaskedConnectionString,
            ReadOnly = definition.ReadOnly,
            Schemas = definition.Schemas.Include.Count == 0 && definition.Schemas.Exclude.Count == 0
                ? null
                : new DatabaseSchemaFilter { Include = definition.Schemas.Include, Exclude = definition.Schemas.Exclude },
            State = status.State,
            Message = status.Message,
            TableCount = status.TableCount,
            IntrospectedAt = status.IntrospectedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
    }

    public static SchemaRequest ToSchemaRequest(DatabaseSchemaParams request) => new()
    {
        Schema = string.IsNullOrWhiteSpace(request.Schema) ? null : request.Schema,
        Tables = request.Tables,
        Question = request.Question,
        MaxTokens = request.MaxTokens,
    };

    public static DatabaseSchemaResult ToSchemaResult(SchemaRendering rendering) => new()
    {
        Dialect = DatabaseDialects.Name(rendering.Dialect),
        Ddl = rendering.Ddl,
        Files = [.. rendering.Files.Select(file => new DatabaseSchemaFile { Schema = file.Schema, Ddl = file.Ddl })],
        Tables = rendering.Tables,
        Omitted = rendering.Omitted,
        EstimatedTokens = rendering.EstimatedTokens,
    };

    public static DatabaseExecuteResult ToExecuteResult(SqlExecutionResult result) => new()
    {
        Columns = [.. result.Columns.Select(column => new DatabaseResultColumn { Name = column.Name, Type = column.DataType })],
        Rows = [.. result.Rows.Select(row => (IReadOnlyList<JsonElement>)[.. row.Select(ToJson)])],
        Truncated = result.Truncated,
        RowsAffected = result.RowsAffected,
        Kind = result.Kind == SqlStatementKind.Read ? "read" : "write",
        Committed = result.Committed,
        ElapsedMs = (long)result.Elapsed.TotalMilliseconds,
    };

    private static JsonElement ToJson(object? value) => value switch
    {
        null => JsonSerializer.SerializeToElement<object?>(null),
        double d when double.IsNaN(d) || double.IsInfinity(d) => JsonSerializer.SerializeToElement(d.ToString(CultureInfo.InvariantCulture)),
        IEnumerable<object?> items => JsonSerializer.SerializeToElement(items.Select(ToJson).ToList()),
        _ => JsonSerializer.SerializeToElement(value, value.GetType()),
    };
}
