using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Every MySQL-family object kind read from a real MariaDB (started by <see cref="RealDatabaseServers"/>), then rendered.</summary>
public sealed class MariaDbIntrospectionTests
{
    private const string Schema = """
        CREATE TABLE customers (
          id BIGINT AUTO_INCREMENT PRIMARY KEY,
          email VARCHAR(200) NOT NULL COMMENT 'Login e-mail',
          tier ENUM('free', 'pro') NOT NULL DEFAULT 'free',
          note VARCHAR(20) DEFAULT 'n/a',
          created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
          CONSTRAINT uq_customers_email UNIQUE (email)
        ) COMMENT = 'People who buy things';
        CREATE TABLE orders (
          id INT AUTO_INCREMENT PRIMARY KEY,
          customer_id BIGINT NOT NULL,
          amount DECIMAL(12,2) NOT NULL,
          amount_with_tax DECIMAL(12,2) AS (amount * 1.2) STORED,
          CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
          CONSTRAINT chk_amount CHECK (amount >= 0),
          INDEX idx_orders_amount (amount)
        );
        CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 1000;
        """;

    private static string? _connectionString;

    private static async Task<string> ConnectionStringAsync()
    {
        if (_connectionString is null)
        {
            var server = await RealDatabaseServers.MariaDbAsync();
            var connectionString = await server.CreateDatabaseAsync("introspection");
            await DatabaseTestKit.ExecuteAsync(DatabaseDialect.MariaDb, connectionString, Schema);
            _connectionString = connectionString;
        }

        return _connectionString;
    }

    [Test]
    public async Task EveryObjectKindIsIntrospected()
    {
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("shop", DatabaseDialect.MariaDb, await ConnectionStringAsync()));

        var catalog = await service.GetCatalogAsync("shop", CancellationToken.None);

        Assert.That(catalog.Schemas.Select(s => s.Name), Is.EqualTo(new[] { "introspection" }), "only the connection's database");
        var customers = catalog.AllTables.Single(t => t.Name == "customers");
        Assert.That(customers.Comment, Is.EqualTo("People who buy things"));
        Assert.That(customers.Columns[0], Has.Property("IsIdentity").True.And.Property("DataType").EqualTo("bigint(20)"));
        Assert.That(customers.Columns[1], Has.Property("Comment").EqualTo("Login e-mail").And.Property("IsNullable").False);
        Assert.That(customers.Columns[2], Has.Property("DataType").EqualTo("enum('free','pro')").And.Property("Default").EqualTo("'free'"));
        Assert.That(customers.Columns[3].Default, Is.EqualTo("'n/a'"));
        Assert.That(customers.Columns[4].Default, Is.EqualTo("current_timestamp()"));
        Assert.That(customers.PrimaryKey!.Columns, Is.EqualTo(new[] { "id" }));
        Assert.That(customers.UniqueConstraints.Single().Name, Is.EqualTo("uq_customers_email"));
        Assert.That(customers.Indexes, Is.Empty);

        var orders = catalog.AllTables.Single(t => t.Name == "orders");
        Assert.That(orders.Columns.Single(c => c.Name == "amount_with_tax").GenerationExpression, Is.EqualTo("`amount` * 1.2"));
        Assert.That(orders.ForeignKeys.Single(), Has.Property("Name").EqualTo("fk_orders_customer").And.Property("OnDelete").EqualTo("CASCADE")
            .And.Property("ReferencedQualifiedName").EqualTo("introspection.customers"));
        Assert.That(orders.CheckConstraints.Single(), Has.Property("Name").EqualTo("chk_amount").And.Property("Expression").EqualTo("`amount` >= 0"));
        Assert.That(orders.Indexes.Select(i => i.Name), Is.EquivalentTo(new[] { "fk_orders_customer", "idx_orders_amount" }), "MariaDB indexes every foreign key");

        var view = catalog.AllTables.Single(t => t.Name == "big_orders");
        Assert.That(view.IsView, Is.True);
        Assert.That(view.ViewDefinition, Does.Contain("1000"));
    }

    [Test]
    public async Task RenderedDdlRunsOnAnEmptyDatabase()
    {
        var service = DatabaseTestKit.NewService(DatabaseTestKit.Define("shop", DatabaseDialect.MariaDb, await ConnectionStringAsync()));
        var rendering = await service.GetSchemaAsync("shop", new SchemaRequest(), CancellationToken.None);
        Assert.That(rendering.Ddl, Does.StartWith("-- dialect: mariadb\n-- schema: introspection\n"));
        Assert.That(rendering.Ddl, Does.Contain("-- People who buy things\nCREATE TABLE introspection.customers ("));

        var server = await RealDatabaseServers.MariaDbAsync();
        await server.CreateDatabaseAsync("rendered_copy");
        var copy = await server.CreateDatabaseAsync("rendered_copy");
        // The DDL names its schema; run it against a copy by renaming the schema.
        await DatabaseTestKit.ExecuteAsync(DatabaseDialect.MariaDb, copy, rendering.Ddl.Replace("introspection.", "rendered_copy.", StringComparison.Ordinal));
        var copyService = DatabaseTestKit.NewService(DatabaseTestKit.Define("copy", DatabaseDialect.MariaDb, copy));
        var reproduced = (await copyService.GetCatalogAsync("copy", CancellationToken.None)).AllTables.ToList();

        Assert.That(reproduced.Select(t => t.Name), Is.EqualTo(new[] { "big_orders", "customers", "orders" }));
        Assert.That(reproduced.Single(t => t.Name == "orders").CheckConstraints.Single().Expression, Is.EqualTo("`amount` >= 0"));
    }
}
