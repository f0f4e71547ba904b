using System.Data.Common;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Connections;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Shared helpers of the database tests: definitions, a service with no metadata, running setup SQL directly.</summary>
internal static class DatabaseTestKit
{
    public static DatabaseConnectionDefinition Define(string name, DatabaseDialect dialect, string connectionString, bool readOnly = false) =>
        DatabaseService.Define(name, DatabaseDialects.Name(dialect), connectionString, null, null, readOnly, DatabaseService.ClientSource);

    public static DatabaseService NewService(params DatabaseConnectionDefinition[] definitions) => NewService([], definitions);

    public static DatabaseService NewService(IReadOnlyList<string> metadataFiles, params DatabaseConnectionDefinition[] definitions)
    {
        var service = new DatabaseService(() => metadataFiles, _ => { });
        foreach (var definition in definitions)
        {
            service.Register(definition);
        }

        return service;
    }

    public static async Task ExecuteAsync(DatabaseDialect dialect, string connectionString, string sql)
    {
        await using DbConnection connection = DbConnectionFactory.Create(dialect, connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(DatabaseDialect dialect, string connectionString, string sql)
    {
        await using DbConnection connection = DbConnectionFactory.Create(dialect, connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
