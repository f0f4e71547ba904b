using System.Collections.Concurrent;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Database.Connections;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Database.Execution;
using Qoder.Lsp.Database.Generation;
using Qoder.Lsp.Database.Introspection;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Database;

/// <summary>
/// The database feature of one server session: the connections from the <c>databases</c> setting and
/// those clients register, a catalog cache per connection (introspected once, shared by concurrent
/// requests, replaced only by <see cref="RefreshAsync"/> or a changed definition), the relevance index
/// per catalog and <c>db-metadata.json</c>, and guarded execution. Every message it produces has the
/// connections' credentials removed.
/// </summary>
public sealed class DatabaseService
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Func<IEnumerable<string>> _metadataFiles;
    private readonly Action<string> _warn;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <param name="metadataFiles">Candidate <c>db-metadata.json</c> paths, best first (read on each schema request, so edits apply at once).</param>
    /// <param name="warn">Receives problems worth a log line (a bad settings entry, an unreadable metadata file); never a secret.</param>
    public DatabaseService(Func<IEnumerable<string>> metadataFiles, Action<string> warn, TimeProvider? time = null)
    {
        _metadataFiles = metadataFiles;
        _warn = warn;
        _time = time ?? TimeProvider.System;
    }

    public const string SettingsSource = "settings";
    public const string ClientSource = "client";
    public const int DefaultMaxRows = 500;
    public const int MaxMaxRows = 10_000;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Validates and builds a definition; <see cref="ArgumentException"/> with a message that never contains the connection string.</summary>
    public static DatabaseConnectionDefinition Define(string? name, string? dialect, string? connectionString, IReadOnlyList<string>? include, IReadOnlyList<string>? exclude, bool readOnly, string source)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A database connection needs a name.");
        }

        var parsed = DatabaseDialects.TryParse(dialect)
            ?? throw new ArgumentException($"Database '{name}': dialect must be one of {string.Join(", ", DatabaseDialects.Names)}, not '{dialect}'.");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"Database '{name}' has no connectionString.");
        }

        string normalized;
        try
        {
            normalized = ConnectionStrings.Normalize(parsed, connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Database '{name}': {ex.Message}");
        }

        return new DatabaseConnectionDefinition
        {
            Name = name.Trim(),
            Dialect = parsed,
            ConnectionString = normalized,
            Schemas = new SchemaFilter(include ?? [], exclude ?? []),
            ReadOnly = readOnly,
            Source = source,
        };
    }

    /// <summary>Replaces the connections that came from settings; client registrations stay. A changed definition drops its cache.</summary>
    public void ApplySettings(IReadOnlyList<DatabaseSettings> databases)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var defined = new Dictionary<string, DatabaseConnectionDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < databases.Count; i++)
        {
            var entry = databases[i];
            try
            {
                var definition = Define(entry.Name, entry.Dialect, entry.ConnectionString, entry.Schemas?.Include, entry.Schemas?.Exclude, entry.ReadOnly, SettingsSource);
                defined[definition.Name] = definition;
            }
            catch (ArgumentException ex)
            {
                _warn($"Settings databases[{i}]: {ex.Message} The entry is ignored.");
            }
        }

        lock (_gate)
        {
            foreach (var (name, entry) in _entries)
            {
                if (entry.Definition.Source == SettingsSource && !defined.ContainsKey(name))
                {
                    _entries.TryRemove(name, out _);
                }
            }

            foreach (var definition in defined.Values)
            {
                if (_entries.TryGetValue(definition.Name, out var existing) && existing.Definition.Source == ClientSource)
                {
                    continue; // what the client registered at run time is the more specific choice
                }

                Put(definition);
            }
        }
    }

    /// <summary>Adds or replaces a connection registered by the client.</summary>
    public DatabaseConnectionStatus Register(DatabaseConnectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            return Put(definition with { Source = ClientSource }).Status;
        }
    }

    public IReadOnlyList<DatabaseConnectionStatus> List() =>
        [.. _entries.Values.Select(entry => entry.Status).OrderBy(status => status.Definition.Name, StringComparer.Ordinal)];

    public DatabaseConnectionDefinition Get(string? name) => Find(name).Definition;

    /// <summary>The cached catalog, introspecting on first use; concurrent callers share one introspection.</summary>
    public Task<DbCatalog> GetCatalogAsync(string? name, CancellationToken cancellationToken) =>
        Find(name).GetCatalogAsync(refresh: false, _time).WaitAsync(cancellationToken);

    /// <summary>Introspects again (the explicit refresh) and returns the new status; failures are in the status, not thrown.</summary>
    public async Task<DatabaseConnectionStatus> RefreshAsync(string? name, CancellationToken cancellationToken)
    {
        var entry = Find(name);
        try
        {
            await entry.GetCatalogAsync(refresh: true, _time).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseException)
        {
            // Reported through the status.
        }

        return entry.Status;
    }

    public async Task<SchemaRendering> GetSchemaAsync(string? name, SchemaRequest request, CancellationToken cancellationToken)
    {
        var entry = Find(name);
        var catalog = await entry.GetCatalogAsync(refresh: false, _time).WaitAsync(cancellationToken).ConfigureAwait(false);
        var (metadata, metadataKey) = LoadMetadata();
        var index = string.IsNullOrWhiteSpace(request.Question) ? null : entry.GetIndex(catalog, metadata, metadataKey);
        return SchemaSelector.Render(catalog, request, metadata, index);
    }

    public const int DefaultGenerationContextTokens = 6000;

    /// <summary>NL→SQL: the schema relevant to the instruction (within <paramref name="maxContextTokens"/>) goes to <paramref name="chat"/>; the answer is checked against the catalog.</summary>
    public async Task<GeneratedSql> GenerateSqlAsync(string? name, IChatClient chat, string instruction, string? selection, int maxContextTokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new ArgumentException("instruction is required.");
        }

        var catalog = await GetCatalogAsync(name, cancellationToken).ConfigureAwait(false);
        var schema = await GetSchemaAsync(name, new SchemaRequest { Question = $"{instruction} {selection}", MaxTokens = maxContextTokens }, cancellationToken).ConfigureAwait(false);
        return await SqlGenerator.GenerateAsync(chat, catalog, schema, instruction, selection, cancellationToken).ConfigureAwait(false);
    }

    public SqlClassification Classify(string? name, string sql) => SqlStatementClassifier.Classify(sql, Find(name).Definition.Dialect);

    public Task<SqlExecutionResult> ExecuteAsync(string? name, string sql, SqlExecutionMode mode, int maxRows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var definition = Find(name).Definition;
        if (mode == SqlExecutionMode.ReadWrite && definition.ReadOnly)
        {
            throw new DatabaseException($"Database connection '{definition.Name}' is read-only; statements that write or change schema are not run on it.");
        }

        return SqlExecutor.ExecuteAsync(definition, sql, mode, maxRows, timeout, cancellationToken);
    }

    /// <summary>Removes every known connection secret from <paramref name="text"/>.</summary>
    public string Redact(string? text) => ConnectionStrings.Redact(text, _entries.Values.SelectMany(entry => entry.Definition.Secrets));

    private Entry Put(DatabaseConnectionDefinition definition)
    {
        if (_entries.TryGetValue(definition.Name, out var existing) && Identity(existing.Definition) == Identity(definition))
        {
            return existing; // unchanged: keep the cached catalog
        }

        var entry = new Entry(definition);
        _entries[definition.Name] = entry;
        return entry;
    }

    // Records compare lists by reference, and every settings reload makes new lists: compare what matters.
    private static string Identity(DatabaseConnectionDefinition definition) =>
        string.Join('\u0001', definition.Name, definition.Dialect, definition.ConnectionString, definition.ReadOnly, definition.Source,
            string.Join('\u0002', definition.Schemas.Include), string.Join('\u0002', definition.Schemas.Exclude));

    private Entry Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("connection is required.");
        }

        if (_entries.TryGetValue(name, out var entry))
        {
            return entry;
        }

        var known = _entries.Keys.Order(StringComparer.Ordinal).ToList();
        throw new DatabaseException($"No database connection named '{name}'. " +
            (known.Count == 0 ? "None is configured: add one to the 'databases' setting or register it with qoder/database/register." : $"Known: {string.Join(", ", known)}."));
    }

    private (DbMetadata? Metadata, string? Key) LoadMetadata()
    {
        foreach (var path in _metadataFiles())
        {
            string text;
            try
            {
                if (!File.Exists(path))
                {
                    continue;
                }

                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _warn($"{path} could not be read: {ex.Message}");
                continue;
            }

            try
            {
                return (DbMetadata.Parse(text), path + "\n" + text);
            }
            catch (FormatException ex)
            {
                _warn($"{path}: {ex.Message} Its annotations are not used.");
            }
        }

        return (null, null);
    }

    private sealed class Entry(DatabaseConnectionDefinition definition)
    {
        private readonly Lock _gate = new();
        private Task<DbCatalog>? _catalog;
        private (DbCatalog Catalog, string? MetadataKey, RelevanceIndex Index)? _index;
        private string _state = "notLoaded";
        private string? _message;
        private int? _tableCount;
        private DateTimeOffset? _introspectedAt;

        public DatabaseConnectionDefinition Definition { get; } = definition;

        public DatabaseConnectionStatus Status
        {
            get
            {
                lock (_gate)
                {
                    return new DatabaseConnectionStatus { Definition = Definition, State = _state, Message = _message, TableCount = _tableCount, IntrospectedAt = _introspectedAt };
                }
            }
        }

        public Task<DbCatalog> GetCatalogAsync(bool refresh, TimeProvider time)
        {
            lock (_gate)
            {
                // A failed introspection is retried on the next request rather than cached.
                if (refresh || _catalog is null || _catalog.IsFaulted || _catalog.IsCanceled)
                {
                    _state = "loading";
                    _catalog = IntrospectAsync(time);
                }

                return _catalog;
            }
        }

        public RelevanceIndex GetIndex(DbCatalog catalog, DbMetadata? metadata, string? metadataKey)
        {
            lock (_gate)
            {
                if (_index is { } cached && ReferenceEquals(cached.Catalog, catalog) && cached.MetadataKey == metadataKey)
                {
                    return cached.Index;
                }
            }

            var index = new RelevanceIndex(catalog, metadata);
            lock (_gate)
            {
                _index = (catalog, metadataKey, index);
            }

            return index;
        }

        private async Task<DbCatalog> IntrospectAsync(TimeProvider time)
        {
            // Detached from any one request: concurrent callers share it, and one caller giving up does not cancel it for the others.
            await Task.Yield();
            try
            {
                var connection = await DatabaseConnector.OpenAsync(Definition, CancellationToken.None).ConfigureAwait(false);
                DbCatalog catalog;
                await using (connection.ConfigureAwait(false))
                {
                    catalog = await DatabaseIntrospector.IntrospectAsync(connection, Definition.Dialect, Definition.Schemas, CancellationToken.None).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    _state = "ready";
                    _message = null;
                    _tableCount = catalog.AllTables.Count();
                    _introspectedAt = time.GetUtcNow();
                }

                return catalog;
            }
            catch (Exception ex) when (ex is not DatabaseException)
            {
                var message = ConnectionStrings.Redact($"Introspecting '{Definition.Name}' failed: {ex.Message}", Definition.Secrets);
                Fail(message);
                throw new DatabaseException(message, ex);
            }
            catch (DatabaseException ex)
            {
                Fail(ex.Message);
                throw;
            }
        }

        private void Fail(string message)
        {
            lock (_gate)
            {
                _state = "error";
                _message = message;
            }
        }
    }
}
