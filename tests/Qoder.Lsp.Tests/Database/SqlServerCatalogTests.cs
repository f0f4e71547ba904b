using System.Data;
using Qoder.Lsp.Database.Introspection;
using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Tests.Database;

/// <summary>
/// SQL Server cannot run on our machines, so its catalog support is tested without a server: the
/// queries read the right sys.* views and return the common column aliases, and rows of exactly that
/// shape (as SQL Server returns them: bit columns as bool, referential actions as NO_ACTION/CASCADE,
/// definitions wrapped in parentheses) build the expected model and DDL.
/// </summary>
public sealed class SqlServerCatalogTests
{
    [Test]
    public void QueriesReadTheCatalogViewsAndReturnTheCommonAliases()
    {
        var queries = DatabaseIntrospector.QueriesFor(DatabaseDialect.SqlServer);

        Assert.That(queries.Tables, Does.Contain("sys.objects").And.Contain("MS_Description").And.Contain("sys.sql_modules"));
        Assert.That(queries.Columns, Does.Contain("sys.computed_columns").And.Contain("sys.default_constraints").And.Contain("c.max_length / 2"));
        Assert.That(queries.Constraints, Does.Contain("sys.key_constraints").And.Contain("sys.foreign_key_columns").And.Contain("sys.check_constraints"));
        Assert.That(queries.Indexes, Does.Contain("is_unique_constraint = 0").And.Contain("filter_definition"));
        Assert.That(queries.Enums, Is.Null);
        foreach (var alias in new[] { "table_schema", "table_name", "table_kind", "table_comment", "view_definition" })
        {
            Assert.That(queries.Tables, Does.Contain($"AS {alias}"));
        }

        foreach (var alias in new[] { "column_name", "ordinal", "data_type", "is_nullable", "column_default", "generation_expression", "is_identity", "column_comment" })
        {
            Assert.That(queries.Columns, Does.Contain($"AS {alias}"));
        }

        foreach (var alias in new[] { "constraint_name", "constraint_type", "position", "ref_schema", "ref_table", "ref_column", "update_rule", "delete_rule", "check_clause" })
        {
            Assert.That(queries.Constraints, Does.Contain($"AS {alias}"));
        }
    }

    [Test]
    public void RowsOfTheQueriesShapeBuildTheModelAndRender()
    {
        var builder = new CatalogBuilder(DatabaseDialect.SqlServer, SchemaFilter.All);
        builder.AddTables(Rows(
            ["table_schema", "table_name", "table_kind", "table_comment", "view_definition"],
            ["sales", "orders", "table", "Customer orders", null],
            ["sales", "customers", "table", null, null],
            ["sales", "big_orders", "view", null, "CREATE VIEW sales.big_orders AS SELECT id FROM sales.orders WHERE amount > 1000"]));
        builder.AddColumns(Rows(
            ["table_schema", "table_name", "column_name", "ordinal", "data_type", "is_nullable", "column_default", "generation_expression", "is_identity", "column_comment"],
            ["sales", "orders", "amount", 3, "decimal(12,2)", false, "((0))", null, false, "Total in EUR"],
            ["sales", "orders", "id", 1, "int", false, null, null, true, null],
            ["sales", "orders", "customer_id", 2, "int", false, null, null, false, null],
            ["sales", "orders", "amount_with_tax", 4, "decimal(12,2)", true, null, "([amount]*(1.2))", false, null],
            ["sales", "customers", "id", 1, "int", false, null, null, true, null],
            ["sales", "customers", "email", 2, "nvarchar(200)", false, null, null, false, null],
            ["sales", "big_orders", "id", 1, "int", false, null, null, false, null]));
        builder.AddConstraints(Rows(
            ["table_schema", "table_name", "constraint_name", "constraint_type", "position", "column_name", "ref_schema", "ref_table", "ref_column", "update_rule", "delete_rule", "check_clause"],
            ["sales", "orders", "PK_orders", "p", 1, "id", null, null, null, null, null, null],
            ["sales", "orders", "FK_orders_customers", "f", 1, "customer_id", "sales", "customers", "id", "NO_ACTION", "CASCADE", null],
            ["sales", "orders", "CK_orders_amount", "c", 1, null, null, null, null, null, null, "([amount]>=(0))"],
            ["sales", "customers", "PK_customers", "p", 1, "id", null, null, null, null, null, null],
            ["sales", "customers", "UQ_customers_email", "u", 1, "email", null, null, null, null, null, null]));
        builder.AddIndexes(Rows(
            ["table_schema", "table_name", "index_name", "is_unique", "position", "column_expression", "index_method", "index_predicate"],
            ["sales", "orders", "IX_orders_customer", false, 1, "customer_id", "NONCLUSTERED", null],
            ["sales", "orders", "IX_orders_big", false, 1, "amount", "NONCLUSTERED", "([amount]>(1000))"]));

        var catalog = builder.Build();
        var orders = catalog.AllTables.Single(t => t.Name == "orders");

        Assert.That(orders.Columns.Select(c => c.Name), Is.EqualTo(new[] { "id", "customer_id", "amount", "amount_with_tax" }));
        Assert.That(orders.ForeignKeys.Single(), Has.Property("OnDelete").EqualTo("CASCADE").And.Property("OnUpdate").Null);
        Assert.That(orders.CheckConstraints.Single().Expression, Is.EqualTo("[amount]>=(0)"));
        Assert.That(orders.Indexes.Single(i => i.Name == "IX_orders_big"), Has.Property("Predicate").EqualTo("[amount]>(1000)").And.Property("Method").Null);
        SchemaRenderingTests.AssertGolden("catalog.sqlserver.sql", SchemaSelector.Render(catalog, new SchemaRequest()).Ddl);
    }

    private static DataTableReader Rows(string[] columns, params object?[][] rows)
    {
        var table = new DataTable();
        foreach (var (column, i) in columns.Select((c, i) => (c, i)))
        {
            var type = rows.Select(r => r[i]).FirstOrDefault(v => v is not null)?.GetType() ?? typeof(string);
            table.Columns.Add(column, type);
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(v => v ?? DBNull.Value)]);
        }

        return table.CreateDataReader();
    }
}
