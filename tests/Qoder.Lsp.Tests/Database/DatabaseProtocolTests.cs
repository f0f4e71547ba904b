using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Database;

/// <summary>
/// qoder/database/* end to end over the in-memory LSP session against the real PostgreSQL: settings →
/// list → schema → execute with and without the user's confirmation; run-time registration; errors.
/// </summary>
public sealed class DatabaseProtocolTests
{
    private static readonly object ConfirmCapable = new { experimental = new { qoder = new { confirm = true } } };
    private static string? _connectionString;

    private static async Task<string> ConnectionStringAsync()
    {
        if (_connectionString is null)
        {
            var server = await RealDatabaseServers.PostgresAsync();
            var connectionString = await server.CreateDatabaseAsync("protocol");
            await DatabaseTestKit.ExecuteAsync(Qoder.Lsp.Database.Model.DatabaseDialect.PostgreSql, connectionString, """
                CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(10,2) NOT NULL, opened date, tags text[], active boolean);
                COMMENT ON TABLE accounts IS 'Bank accounts';
                INSERT INTO accounts VALUES (1, 'ann', 100.50, '2024-01-02', ARRAY['a','b'], true), (2, 'bob', 20, NULL, NULL, false);
                CREATE TABLE transfers (id int PRIMARY KEY, account_id int REFERENCES accounts (id), amount numeric(10,2));
                """);
            _connectionString = connectionString;
        }

        return _connectionString;
    }

    private static async Task<InMemoryLspSession> StartAsync(object? capabilities = null, bool readOnly = false)
    {
        var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(capabilities ?? ConfirmCapable, new
        {
            databases = new[] { new { name = "bank", dialect = "postgresql", connectionString = await ConnectionStringAsync(), readOnly } },
        });
        return session;
    }

    [Test]
    public async Task ListShowsConfiguredConnectionsWithoutPasswords()
    {
        await using var session = await StartAsync();

        var list = await session.RequestAsync<JsonElement>(QoderMethods.DatabaseList);

        var text = list.GetRawText();
        Assert.That(text, Does.Not.Contain(RealDatabaseServers.PostgresPassword));
        var connection = list.GetProperty("connections")[0];
        Assert.That(connection.GetProperty("name").GetString(), Is.EqualTo("bank"));
        Assert.That(connection.GetProperty("dialect").GetString(), Is.EqualTo("postgresql"));
        Assert.That(connection.GetProperty("source").GetString(), Is.EqualTo("settings"));
        Assert.That(connection.GetProperty("state").GetString(), Is.EqualTo("notLoaded"));
        Assert.That(connection.GetProperty("connection").GetString(), Does.Contain("password=***"));
    }

    [Test]
    public async Task SchemaReturnsDdlAndRelevantTables()
    {
        await using var session = await StartAsync();

        var all = await session.RequestAsync<DatabaseSchemaResult>(QoderMethods.DatabaseSchema, new { connection = "bank" });
        var relevant = await session.RequestAsync<DatabaseSchemaResult>(QoderMethods.DatabaseSchema, new { connection = "bank", question = "money transfers", maxTokens = 200 });
        var refreshed = await session.RequestAsync<DatabaseConnectionInfo>(QoderMethods.DatabaseRefresh, new { connection = "bank" });

        Assert.That(all.Dialect, Is.EqualTo("postgresql"));
        Assert.That(all.Ddl, Does.StartWith("-- dialect: postgresql\n-- schema: public\n"));
        Assert.That(all.Ddl, Does.Contain("-- Bank accounts\nCREATE TABLE public.accounts ("));
        Assert.That(all.Tables, Is.EqualTo(new[] { "public.accounts", "public.transfers" }));
        Assert.That(relevant.Tables.First(), Is.EqualTo("public.transfers"));
        Assert.That(relevant.EstimatedTokens, Is.LessThanOrEqualTo(200));
        Assert.That(refreshed, Has.Property("State").EqualTo("ready").And.Property("TableCount").EqualTo(2));
        Assert.That(refreshed.IntrospectedAt, Does.EndWith("Z"));
    }

    [Test]
    public async Task ReadsRunWithoutAskingAndReturnTypedValues()
    {
        await using var session = await StartAsync();

        var result = await session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "SELECT id, owner, balance, opened, tags, active FROM accounts ORDER BY id" });

        Assert.That(session.Received.Select(r => r.Method), Does.Not.Contain(QoderMethods.Confirm));
        Assert.That(result.GetProperty("kind").GetString(), Is.EqualTo("read"));
        Assert.That(result.GetProperty("rows")[0].GetRawText(), Is.EqualTo("""[1,"ann",100.50,"2024-01-02",["a","b"],true]"""));
        Assert.That(result.GetProperty("rows")[1].GetRawText(), Is.EqualTo("""[2,"bob",20.00,null,null,false]"""));
        Assert.That(result.GetProperty("columns")[2].GetProperty("type").GetString(), Is.EqualTo("numeric(10, 2)"));
    }

    [TestCase("INSERT INTO accounts VALUES (3, 'eve', 1, NULL, NULL, NULL)")]
    [TestCase("UPDATE accounts SET balance = 0")]
    [TestCase("DELETE FROM accounts")]
    [TestCase("DROP TABLE transfers")]
    [TestCase("SELECT * FROM accounts FOR UPDATE")]
    [TestCase("SELECT 1; DELETE FROM accounts")]
    [TestCase("SELECT 1; COMMIT; UPDATE accounts SET owner = 'x'")]
    [TestCase("WITH gone AS (DELETE FROM accounts RETURNING *) SELECT count(*) FROM gone")]
    public async Task WritesAreBlockedWhenTheUserDeniesAndDataIsUnchanged(string sql)
    {
        await using var session = await StartAsync();
        session.ConfirmAnswer = ConfirmDecision.Deny;
        var before = await SnapshotAsync(session);

        var error = await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql }));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        Assert.That(error.Message, Does.StartWith("Not run:").And.Contain("did not confirm"));
        var confirm = session.Received.Single(r => r.Method == QoderMethods.Confirm).Params;
        Assert.That(confirm.GetProperty("kind").GetString(), Is.EqualTo("sqlWrite"));
        Assert.That(await SnapshotAsync(session), Is.EqualTo(before));
    }

    [Test]
    public async Task AClientThatCannotConfirmNeverWrites()
    {
        await using var session = await StartAsync(capabilities: new { });
        var before = await SnapshotAsync(session);

        await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "UPDATE accounts SET balance = 0" }));

        Assert.That(await SnapshotAsync(session), Is.EqualTo(before));
    }

    [Test]
    public async Task ConfirmedWritesCommitUnlessTheConnectionIsReadOnly()
    {
        await using (var session = await StartAsync())
        {
            session.ConfirmAnswer = ConfirmDecision.Allow;
            var result = await session.RequestAsync<DatabaseExecuteResult>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "UPDATE transfers SET amount = amount WHERE id = -1; INSERT INTO transfers VALUES (99, 1, 5)" });
            Assert.That(result, Has.Property("Kind").EqualTo("write").And.Property("Committed").True);
            await session.RequestAsync<DatabaseExecuteResult>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "DELETE FROM transfers WHERE id = 99" });
        }

        await using (var readOnly = await StartAsync(readOnly: true))
        {
            readOnly.ConfirmAnswer = ConfirmDecision.Allow;
            var error = await Assert.CatchAsync<RemoteInvocationException>(() => readOnly.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "DELETE FROM transfers" }));
            Assert.That(error!.Message, Does.Contain("is read-only"));
            Assert.That(readOnly.Received.Select(r => r.Method), Does.Not.Contain(QoderMethods.Confirm), "no point asking");
        }
    }

    [Test]
    public async Task RegisteredConnectionsWorkAndErrorsCarryNoPassword()
    {
        await using var session = await StartAsync();
        var server = await RealDatabaseServers.PostgresAsync();
        const string wrong = "Wrong-password-in-register-8812";

        var info = await session.RequestAsync<DatabaseConnectionInfo>(QoderMethods.DatabaseRegister, new { name = "ide", dialect = "postgres", connectionString = server.ConnectionString("protocol", wrong) });
        var error = await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseSchema, new { connection = "ide" }));
        var list = await session.RequestAsync<JsonElement>(QoderMethods.DatabaseList);

        Assert.That(info, Has.Property("Source").EqualTo("client").And.Property("Dialect").EqualTo("postgresql").And.Property("State").EqualTo("notLoaded"));
        Assert.That(info.Connection, Does.Not.Contain(wrong));
        Assert.That(error!.Message, Does.Contain("password authentication failed").And.Not.Contain(wrong));
        Assert.That(list.GetRawText(), Does.Not.Contain(wrong).And.Contain("\"ide\""));
        Assert.That(session.Received.Select(r => r.Params.GetRawText()), Has.None.Contain(wrong));
    }

    [Test]
    public async Task BadRequestsGetClearErrorsAndTheServerKeepsServing()
    {
        await using var session = await StartAsync();

        var unknown = await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseSchema, new { connection = "nope" }));
        var badDialect = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseRegister, new { name = "x", dialect = "oracle", connectionString = "a=b" }));
        var empty = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "  " }));
        var badSql = await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new { connection = "bank", sql = "SELEC 1" }));

        Assert.That(unknown!.Message, Does.Contain("No database connection named 'nope'. Known: bank."));
        // StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException.
        Assert.That((int)badDialect!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(badDialect.Message, Does.Contain("dialect must be one of postgresql, mysql, mariadb, sqlserver, sqlite, not 'oracle'"));
        Assert.That((int)empty!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
        // An unknown statement counts as a write: the user is asked (this client allows), then the database's own error comes back.
        Assert.That(session.Received.Count(r => r.Method == QoderMethods.Confirm), Is.EqualTo(1));
        Assert.That(badSql!.Message, Is.EqualTo("postgresql error: 42601: syntax error at or near \"SELEC\"\n\nPOSITION: 1"));
        Assert.That((await session.RequestAsync<JsonElement>(QoderMethods.DatabaseList)).GetProperty("connections").GetArrayLength(), Is.EqualTo(1));
    }

    private static async Task<string> SnapshotAsync(InMemoryLspSession session)
    {
        var result = await session.RequestAsync<JsonElement>(QoderMethods.DatabaseExecute, new
        {
            connection = "bank",
            sql = "SELECT (SELECT string_agg(a::text, ';' ORDER BY id) FROM accounts a) || '|' || (SELECT count(*) FROM transfers)",
        });
        return result.GetProperty("rows")[0][0].GetString()!;
    }
}
