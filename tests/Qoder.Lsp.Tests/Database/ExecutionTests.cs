using System.Diagnostics;
using Qoder.Lsp.Database;
using Qoder.Lsp.Database.Execution;
using Qoder.Lsp.Database.Model;

namespace Qoder.Lsp.Tests.Database;

/// <summary>
/// The engine's second line of defence and its limits, on real PostgreSQL, MariaDB and SQLite: a write
/// the classifier is bypassed for still fails in read-only mode and leaves the data unchanged;
/// timeouts stop the statement on the server; values come back typed.
/// </summary>
public sealed class ExecutionTests
{
    private string _sqliteDirectory = null!;

    [SetUp]
    public void CreateDirectory() => _sqliteDirectory = Directory.CreateTempSubdirectory("qoder-sqlite-exec-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_sqliteDirectory, recursive: true);
    }

    public static IEnumerable<TestCaseData> Dialects()
    {
        yield return new TestCaseData(DatabaseDialect.PostgreSql).SetArgDisplayNames("postgresql");
        yield return new TestCaseData(DatabaseDialect.MariaDb).SetArgDisplayNames("mariadb");
        yield return new TestCaseData(DatabaseDialect.Sqlite).SetArgDisplayNames("sqlite");
    }

    [TestCaseSource(nameof(Dialects))]
    public async Task ReadOnlyModeRefusesWritesEvenWhenTheClassifierIsBypassed(DatabaseDialect dialect)
    {
        var connectionString = await FreshDatabaseAsync(dialect, "exec_readonly");
        await DatabaseTestKit.ExecuteAsync(dialect, connectionString, "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL); INSERT INTO accounts VALUES (1, 100);");
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", dialect, connectionString));

        foreach (var write in new[] { "UPDATE accounts SET balance = 0", "DELETE FROM accounts", "INSERT INTO accounts VALUES (2, 5)" })
        {
            var error = await Assert.ThrowsAsync<DatabaseException>(() => service.ExecuteAsync("db", write, SqlExecutionMode.ReadOnly, 10, TimeSpan.FromSeconds(10), CancellationToken.None));
            Assert.That(error!.Message, Does.Contain("read").IgnoreCase.And.Contain("only").IgnoreCase, write);
        }

        Assert.That(Convert.ToInt64(await DatabaseTestKit.ScalarAsync(dialect, connectionString, "SELECT SUM(balance) + COUNT(*) * 1000 FROM accounts")), Is.EqualTo(1100));
    }

    [TestCaseSource(nameof(Dialects))]
    public async Task ReadOnlyQueriesReturnTypedRowsAndTruncate(DatabaseDialect dialect)
    {
        var connectionString = await FreshDatabaseAsync(dialect, "exec_values");
        await DatabaseTestKit.ExecuteAsync(dialect, connectionString, "CREATE TABLE numbers (n INT NOT NULL, label VARCHAR(10)); INSERT INTO numbers VALUES (1, 'one'), (2, NULL), (3, 'three');");
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", dialect, connectionString));

        var result = await service.ExecuteAsync("db", "SELECT n, label FROM numbers ORDER BY n", SqlExecutionMode.ReadOnly, 2, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.That(result.Columns.Select(c => c.Name), Is.EqualTo(new[] { "n", "label" }));
        Assert.That(result.Rows, Is.EqualTo(new[] { new object?[] { 1L, "one" }, new object?[] { 2L, null } }));
        Assert.That(result.Truncated, Is.True);
        Assert.That(result, Has.Property("Kind").EqualTo(SqlStatementKind.Read).And.Property("Committed").False);
    }

    [Test]
    public async Task PostgresTimeoutCancelsTheStatementOnTheServer()
    {
        var connectionString = await FreshDatabaseAsync(DatabaseDialect.PostgreSql, "exec_timeout");
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", DatabaseDialect.PostgreSql, connectionString));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DatabaseException>(() => service.ExecuteAsync("db", "SELECT pg_sleep(30)", SqlExecutionMode.ReadOnly, 10, TimeSpan.FromMilliseconds(400), CancellationToken.None));

        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(error!.Message, Does.Contain("cancelled after 400 ms"));
        var server = await RealDatabaseServers.PostgresAsync();
        var running = await DatabaseTestKit.ScalarAsync(DatabaseDialect.PostgreSql, server.ConnectionString(),
            "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'");
        Assert.That(running, Is.EqualTo(0L), "the server no longer runs the statement");
    }

    [Test]
    public async Task MariaDbTimeoutKillsTheQuery()
    {
        var connectionString = await FreshDatabaseAsync(DatabaseDialect.MariaDb, "exec_timeout");
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", DatabaseDialect.MariaDb, connectionString));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<DatabaseException>(() => service.ExecuteAsync("db", "SELECT SLEEP(30)", SqlExecutionMode.ReadOnly, 10, TimeSpan.FromMilliseconds(400), CancellationToken.None));

        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        var server = await RealDatabaseServers.MariaDbAsync();
        var running = await DatabaseTestKit.ScalarAsync(DatabaseDialect.MariaDb, server.ConnectionString(),
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(30)'");
        Assert.That(Convert.ToInt64(running), Is.EqualTo(0L));
    }

    [Test]
    public async Task ConfirmedWritesCommitAndReadOnlyConnectionsRefuseThem()
    {
        var connectionString = await FreshDatabaseAsync(DatabaseDialect.PostgreSql, "exec_write");
        await DatabaseTestKit.ExecuteAsync(DatabaseDialect.PostgreSql, connectionString, "CREATE TABLE t (id int)");
        var service = DatabaseTestKit.NewService(
            DatabaseTestKit.Define("rw", DatabaseDialect.PostgreSql, connectionString),
            DatabaseTestKit.Define("ro", DatabaseDialect.PostgreSql, connectionString, readOnly: true));

        var result = await service.ExecuteAsync("rw", "INSERT INTO t VALUES (1), (2)", SqlExecutionMode.ReadWrite, 10, TimeSpan.FromSeconds(10), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<DatabaseException>(() => service.ExecuteAsync("ro", "INSERT INTO t VALUES (3)", SqlExecutionMode.ReadWrite, 10, TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.That(result, Has.Property("RowsAffected").EqualTo(2L).And.Property("Committed").True);
        Assert.That(refused!.Message, Does.Contain("read-only"));
        Assert.That(await DatabaseTestKit.ScalarAsync(DatabaseDialect.PostgreSql, connectionString, "SELECT count(*) FROM t"), Is.EqualTo(2L));
    }

    [Test]
    public async Task DatabaseErrorsComeBackAsReportedWithoutThePassword()
    {
        var connectionString = await FreshDatabaseAsync(DatabaseDialect.PostgreSql, "exec_errors");
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("db", DatabaseDialect.PostgreSql, connectionString));

        var error = await Assert.ThrowsAsync<DatabaseException>(() => service.ExecuteAsync("db", "SELECT * FROM missing_table", SqlExecutionMode.ReadOnly, 10, TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("42P01").And.Contain("relation \"missing_table\" does not exist"));
        Assert.That(error.Message, Does.Not.Contain(RealDatabaseServers.PostgresPassword));
    }

    private async Task<string> FreshDatabaseAsync(DatabaseDialect dialect, string name) => dialect switch
    {
        DatabaseDialect.PostgreSql => await (await RealDatabaseServers.PostgresAsync()).CreateDatabaseAsync(name),
        DatabaseDialect.MariaDb => await (await RealDatabaseServers.MariaDbAsync()).CreateDatabaseAsync(name),
        _ => $"Data Source={Path.Combine(_sqliteDirectory, name + ".db")}",
    };
}
