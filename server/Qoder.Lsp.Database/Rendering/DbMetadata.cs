using System.Text.Json;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>
/// A <c>db-metadata.json</c> file: annotations for legacy databases whose names do not explain themselves
/// (labels, descriptions, enums, formats, required/nullable, unique), merged into the DDL as comments.
/// Tables are keyed by name or <c>schema.name</c>.
/// </summary>
public sealed record DbMetadata(string? Description, IReadOnlyDictionary<string, DbTableAnnotation> Tables)
{
    public static DbMetadata Empty { get; } = new(null, new Dictionary<string, DbTableAnnotation>());

    /// <summary>The annotation of a table, by <c>schema.name</c> first, then by bare name (case-insensitive).</summary>
    public DbTableAnnotation? Find(string schema, string table) =>
        Tables.TryGetValue($"{schema}.{table}", out var qualified) ? qualified : Tables.TryGetValue(table, out var bare) ? bare : null;

    /// <summary>Parses the file's text; throws <see cref="FormatException"/> with the position of the problem.</summary>
    public static DbMetadata Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("db-metadata.json must be a JSON object.");
            }

            var tables = new Dictionary<string, DbTableAnnotation>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("tables", out var tablesElement) && tablesElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var table in tablesElement.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object))
                {
                    var required = Strings(table.Value, "required");
                    var columns = new Dictionary<string, DbColumnAnnotation>(StringComparer.OrdinalIgnoreCase);
                    if (table.Value.TryGetProperty("columns", out var columnsElement) && columnsElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var column in columnsElement.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.Object))
                        {
                            columns[column.Name] = new DbColumnAnnotation
                            {
                                Label = String(column.Value, "label"),
                                Description = String(column.Value, "description"),
                                Type = String(column.Value, "type"),
                                Format = String(column.Value, "format"),
                                Enum = Strings(column.Value, "enum"),
                                Nullable = Bool(column.Value, "nullable"),
                                Unique = Bool(column.Value, "unique"),
                                Required = required.Contains(column.Name, StringComparer.OrdinalIgnoreCase) ? true : null,
                            };
                        }
                    }

                    tables[table.Name] = new DbTableAnnotation(String(table.Value, "label"), String(table.Value, "description"), required, columns);
                }
            }

            return new DbMetadata(String(root, "description"), tables);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"db-metadata.json is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())]
            : [];
}
