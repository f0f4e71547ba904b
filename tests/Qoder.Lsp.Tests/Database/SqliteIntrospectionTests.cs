using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Tests.Database;

/// <summary>SQLite: a real database file, no server.</summary>
public sealed class SqliteIntrospectionTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("qoder-sqlite-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task EveryObjectKindIsIntrospectedAndRendered()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "shop.db")}";
        await DatabaseTestKit.ExecuteAsync(DatabaseDialect.Sqlite, connectionString, """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT DEFAULT 'anon');
            CREATE TABLE orders (
              id INTEGER PRIMARY KEY,
              customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
              amount REAL NOT NULL CONSTRAINT positive_amount CHECK (amount >= 0),
              amount_with_tax REAL GENERATED ALWAYS AS (amount * 1.2) VIRTUAL
            );
            CREATE INDEX orders_customer ON orders(customer_id);
            CREATE INDEX orders_big ON orders(amount) WHERE amount > 1000;
            CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 1000;
            """);
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("local", DatabaseDialect.Sqlite, connectionString));

        var catalog = await service.GetCatalogAsync("local", CancellationToken.None);

        var customers = catalog.AllTables.Single(t => t.Name == "customers");
        Assert.That(customers.Columns.Select(c => (c.Name, c.DataType, c.IsNullable, c.Default)), Is.EqualTo(new[]
        {
            ("id", "INTEGER", true, (string?)null), ("email", "TEXT", false, null), ("name", "TEXT", true, "'anon'"),
        }));
        Assert.That(customers.PrimaryKey!.Columns, Is.EqualTo(new[] { "id" }));
        Assert.That(customers.UniqueConstraints.Single(), Has.Property("Name").Null.And.Property("Columns").EqualTo(new[] { "email" }));
        var orders = catalog.AllTables.Single(t => t.Name == "orders");
        Assert.That(orders.ForeignKeys.Single(), Has.Property("ReferencedTable").EqualTo("customers").And.Property("OnDelete").EqualTo("CASCADE"));
        Assert.That(orders.CheckConstraints.Single(), Is.EqualTo(new DbCheckConstraint("positive_amount", "amount >= 0")));
        Assert.That(orders.Columns.Single(c => c.Name == "amount_with_tax").GenerationExpression, Is.EqualTo("amount * 1.2"));
        Assert.That(orders.Indexes.Select(i => (i.Name, i.Predicate)), Is.EqualTo(new[] { ("orders_big", (string?)"amount > 1000"), ("orders_customer", null) }));
        Assert.That(catalog.AllTables.Single(t => t.Name == "big_orders").ViewDefinition, Is.EqualTo("SELECT id, amount FROM orders WHERE amount > 1000"));

        var rendering = await service.GetSchemaAsync("local", new SchemaRequest(), CancellationToken.None);
        var copy = $"Data Source={Path.Combine(_directory, "copy.db")}";
        await DatabaseTestKit.ExecuteAsync(DatabaseDialect.Sqlite, copy, rendering.Ddl);
        var copyService = DatabaseTestKit.NewService(DatabaseTestKit.Define("copy", DatabaseDialect.Sqlite, copy));
        var reproduced = await copyService.GetSchemaAsync("copy", new SchemaRequest(), CancellationToken.None);

        Assert.That(rendering.Ddl, Does.StartWith("-- dialect: sqlite\n"));
        Assert.That(reproduced.Ddl, Is.EqualTo(rendering.Ddl), "the rendered DDL recreates the same catalog");
    }
}
