using System.Text.Json;
using Qoder.Lsp.Database.Generation;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Database;

/// <summary>qoder/database/generateSql against the fake model server (real HTTP) and a real SQLite file; identifier checks.</summary>
public sealed class SqlGenerationTests : WithFakeModelServer
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("qoder-sqlite-gen-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase("SELECT c.email, o.amount FROM shop.customers c JOIN shop.orders AS o ON o.customer_id = c.id WHERE o.status = 'from nowhere'")]
    [TestCase("WITH recent AS (SELECT * FROM orders) SELECT recent.id FROM recent")]
    [TestCase("INSERT INTO tbl_yonghu (id, xin_bie, gonghao) VALUES (1, 'M', 'x')")]
    [TestCase("-- FROM ghost\nSELECT count(*) FROM big_orders")]
    public void KnownIdentifiersPass(string sql) =>
        Assert.That(SqlIdentifierValidator.FindUnknown(sql, SampleCatalogs.Shop(DatabaseDialect.PostgreSql)), Is.Empty);

    [TestCase("SELECT * FROM ghosts", "ghosts")]
    [TestCase("SELECT c.phone FROM customers c", "c.phone")]
    [TestCase("SELECT orders.total FROM shop.orders JOIN shop.nope n ON n.id = orders.id", "orders.total,shop.nope")]
    [TestCase("UPDATE other.orders SET amount = 1", "other.orders")]
    public void UnknownIdentifiersAreReported(string sql, string expected) =>
        Assert.That(SqlIdentifierValidator.FindUnknown(sql, SampleCatalogs.Shop(DatabaseDialect.PostgreSql)), Is.EquivalentTo(expected.Split(',')));

    [TestCase("Here you go:\n```sql\nSELECT 1;\n```\nDone.", "SELECT 1;")]
    [TestCase("```\nSELECT 2\n```", "SELECT 2")]
    [TestCase("SELECT 3", "SELECT 3")]
    public void SqlIsTakenFromTheCodeBlock(string answer, string expected) => Assert.That(SqlGenerator.ExtractSql(answer), Is.EqualTo(expected));

    [Test]
    public async Task GeneratesSqlWithTheRelevantSchemaAndFlagsInventedNames()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "shop.db")}";
        await DatabaseTestKit.ExecuteAsync(DatabaseDialect.Sqlite, connectionString,
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL); CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL);");
        Server.Enqueue(FakeReply.Text("```sql\nSELECT c.email, c.phone, SUM(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.email\n```"));
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(new { }, new
        {
            models = new { providers = new { main = new { type = "openai", baseUrl = Server.BaseUrl } }, roles = new { chat = new { provider = "main", model = "fake-model" } } },
            databases = new[] { new { name = "local", dialect = "sqlite", connectionString } },
        });

        var result = await session.RequestAsync<DatabaseGenerateSqlResult>(QoderMethods.DatabaseGenerateSql, new { connection = "local", instruction = "total order amount per customer email" });

        Assert.That(result.Sql, Does.StartWith("SELECT c.email, c.phone"));
        Assert.That(result.Dialect, Is.EqualTo("sqlite"));
        Assert.That(result.UnknownIdentifiers, Is.EqualTo(new[] { "c.phone" }));
        Assert.That(result.ContextTables, Is.EquivalentTo(new[] { "main.customers", "main.orders" }));
        var prompt = Server.RequestsTo("/chat/completions").Single().BodyText;
        Assert.That(prompt, Does.Contain("-- dialect: sqlite").And.Contain("CREATE TABLE customers").And.Contain("total order amount per customer email"));
    }

    [Test]
    public async Task WithoutAChatModelTheErrorSaysWhatToConfigure()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(new { }, new { databases = new[] { new { name = "local", dialect = "sqlite", connectionString = "Data Source=:memory:" } } });

        var error = await Assert.CatchAsync<RemoteInvocationException>(() => session.RequestAsync<JsonElement>(QoderMethods.DatabaseGenerateSql, new { connection = "local", instruction = "anything" }));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        Assert.That(error.Message, Does.Contain("chat"));
    }
}
