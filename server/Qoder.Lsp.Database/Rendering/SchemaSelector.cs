using System.Runtime.CompilerServices;
using System.Text;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Database.Rendering;

/// <summary>
/// Chooses which tables to render for a <see cref="SchemaRequest"/> and renders them: pure, no IO.
/// Without a question every candidate table is rendered in schema/name order; with one, the tables
/// <see cref="RelevanceIndex"/> ranks (matches and their foreign-key neighbours), or every table when
/// nothing matches. A token budget keeps the best-ranked tables that fit; the other tables of the
/// requested schemas are listed as omitted (schema/name order). Tables are handled by position in
/// <see cref="DbCatalog.AllTables"/>, with names and order cached per catalog, so a request over
/// 10,000 tables allocates little: large per-request arrays would land on the large-object heap and
/// force full collections of a heap that holds the whole catalog.
/// </summary>
public static class SchemaSelector
{
    private const int MaxMisses = 50;
    private const int MinUsefulTokens = 16;
    private static readonly ConditionalWeakTable<DbCatalog, CatalogTables> Layouts = new();

    public static SchemaRendering Render(DbCatalog catalog, SchemaRequest request, DbMetadata? metadata = null, RelevanceIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxTokens is <= 0)
        {
            throw new ArgumentException("maxTokens must be positive.");
        }

        var layout = Layouts.GetValue(catalog, static c => new CatalogTables(c));
        var (scope, candidates) = Candidates(catalog, layout, request);
        IReadOnlyList<int>? ranked = null;
        if (!string.IsNullOrWhiteSpace(request.Question))
        {
            index ??= new RelevanceIndex(catalog, metadata);
            bool[]? allowed = null;
            if (candidates.Count != layout.Tables.Length)
            {
                allowed = new bool[layout.Tables.Length];
                foreach (var position in candidates)
                {
                    allowed[position] = true;
                }
            }

            var hits = index.RankPositions(request.Question, allowed is null ? null : position => allowed[position]);
            if (hits.Count > 0)
            {
                ranked = [.. hits.Select(hit => hit.Position)];
            }
        }

        // Without a (matching) question: the tables asked for in their order, or all in schema/name order.
        ranked ??= candidates;

        var chosen = new List<int>();
        if (request.MaxTokens is { } budget)
        {
            var used = TokenEstimate.Of(SchemaRenderer.DialectLine(catalog.Dialect) + "\n");
            var misses = 0;
            foreach (var position in ranked)
            {
                var table = layout.Tables[position];
                var cost = TokenEstimate.Of(SchemaRenderer.RenderTable(catalog.Dialect, table, metadata?.Find(table.Schema, table.Name))) + 1;
                if (used + cost + SchemaOverhead(catalog, layout, chosen, table) > budget)
                {
                    // A smaller, less relevant table may still fit; but not worth rendering thousands to find out.
                    if (++misses > MaxMisses || budget - used < MinUsefulTokens)
                    {
                        break;
                    }

                    continue;
                }

                chosen.Add(position);
                used += cost;
            }
        }
        else
        {
            chosen.AddRange(ranked);
        }

        var rendering = Build(catalog, layout, chosen, scope, metadata);
        // The estimate above is per table; headers, enums and deferred keys can tip the total over. Drop the least relevant until it fits.
        while (request.MaxTokens is { } max && rendering.EstimatedTokens > max && chosen.Count > 0)
        {
            chosen.RemoveAt(chosen.Count - 1);
            rendering = Build(catalog, layout, chosen, scope, metadata);
        }

        return rendering;
    }

    /// <summary>Positions of the tables in the requested schema(s), in name order (what <c>omitted</c> accounts for), and of those asked for.</summary>
    private static (IReadOnlyList<int> Scope, IReadOnlyList<int> Candidates) Candidates(DbCatalog catalog, CatalogTables layout, SchemaRequest request)
    {
        IReadOnlyList<int> scope = layout.NameOrder;
        if (request.Schema is { } schemaName)
        {
            var schema = catalog.Schemas.FirstOrDefault(s => s.Name == schemaName) ?? catalog.Schemas.FirstOrDefault(s => s.Name.Equals(schemaName, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"No schema '{schemaName}'. Schemas: {string.Join(", ", catalog.Schemas.Select(s => s.Name))}.");
            scope = [.. layout.NameOrder.Where(position => layout.Tables[position].Schema == schema.Name)];
        }

        if (request.Tables is not { Count: > 0 } names)
        {
            return (scope, scope);
        }

        var chosen = new List<int>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var matches = scope.Where(p => layout.Names[p].Equals(name, StringComparison.OrdinalIgnoreCase) || layout.Tables[p].Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                unknown.Add(name);
            }

            chosen.AddRange(matches.Where(m => !chosen.Contains(m)));
        }

        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown table(s): {string.Join(", ", unknown)}.");
        }

        return (scope, chosen);
    }

    private static int SchemaOverhead(DbCatalog catalog, CatalogTables layout, List<int> chosen, DbTable next) =>
        chosen.Any(p => layout.Tables[p].Schema == next.Schema) ? 0 : TokenEstimate.Of($"\n-- schema: {next.Schema}\nCREATE SCHEMA IF NOT EXISTS {next.Schema};\n") +
            catalog.Schemas.First(s => s.Name == next.Schema).Enums.Sum(e => TokenEstimate.Of(SchemaRenderer.RenderEnum(catalog.Dialect, e)));

    private static SchemaRendering Build(DbCatalog catalog, CatalogTables layout, List<int> chosen, IReadOnlyList<int> scope, DbMetadata? metadata)
    {
        var isChosen = new HashSet<int>(chosen);
        var ddl = new StringBuilder(SchemaRenderer.DialectLine(catalog.Dialect)).Append('\n');
        var files = new List<SchemaFile>();
        // Positions follow catalog order, so sorting them groups the chosen tables by schema in the schema's own order.
        var inCatalogOrder = chosen.Order().Select(p => layout.Tables[p]).ToList();
        foreach (var schema in catalog.Schemas)
        {
            var tables = inCatalogOrder.Where(t => t.Schema == schema.Name).ToList();
            if (tables.Count == 0)
            {
                continue;
            }

            var body = new StringBuilder();
            SchemaRenderer.AppendSchemaBody(body, catalog.Dialect, schema, tables, metadata);
            if (files.Count > 0)
            {
                ddl.Append('\n');
            }

            ddl.Append(body);
            files.Add(new SchemaFile(schema.Name, SchemaRenderer.DialectLine(catalog.Dialect) + "\n" + body));
        }

        var omitted = new List<string>(Math.Max(0, scope.Count - isChosen.Count));
        foreach (var position in scope)
        {
            if (!isChosen.Contains(position))
            {
                omitted.Add(layout.Names[position]);
            }
        }

        return new SchemaRendering(catalog.Dialect, ddl.ToString(), files, [.. chosen.Select(p => layout.Names[p])], omitted);
    }

    /// <summary>Per catalog, computed once: its tables by position, their <c>schema.name</c>, and the positions in name order.</summary>
    private sealed class CatalogTables
    {
        public CatalogTables(DbCatalog catalog)
        {
            Tables = [.. catalog.AllTables];
            Names = [.. Tables.Select(t => t.QualifiedName)];
            NameOrder = [.. Enumerable.Range(0, Tables.Length).OrderBy(p => Tables[p].Schema, StringComparer.Ordinal).ThenBy(p => Tables[p].Name, StringComparer.Ordinal)];
        }

        public DbTable[] Tables { get; }
        public string[] Names { get; }
        public int[] NameOrder { get; }
    }
}
