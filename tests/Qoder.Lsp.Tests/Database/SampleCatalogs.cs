using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Hand-built catalogs for the pure rendering and selection tests.</summary>
internal static class SampleCatalogs
{
    /// <summary>Every object kind, a foreign-key cycle, a view, an enum, comments and a legacy table to annotate.</summary>
    public static DbCatalog Shop(DatabaseDialect dialect, string schema = "shop") => new(dialect,
    [
        new DbSchema(schema,
        [
            new DbTable
            {
                Schema = schema, Name = "customers", Comment = "People who buy things",
                Columns =
                [
                    new DbColumn { Name = "id", DataType = "bigint", IsNullable = false, IsIdentity = true },
                    new DbColumn { Name = "email", DataType = "varchar(200)", IsNullable = false, Comment = "Login e-mail" },
                    new DbColumn { Name = "Display Name", DataType = "text" },
                    new DbColumn { Name = "favourite_order_id", DataType = "integer" },
                ],
                PrimaryKey = new DbKey("customers_pkey", ["id"]),
                UniqueConstraints = [new DbKey("customers_email_key", ["email"])],
                ForeignKeys = [new DbForeignKey { Name = "customers_favourite_fk", Columns = ["favourite_order_id"], ReferencedSchema = schema, ReferencedTable = "orders", ReferencedColumns = ["id"], OnDelete = "SET NULL" }],
            },
            new DbTable
            {
                Schema = schema, Name = "orders",
                Columns =
                [
                    new DbColumn { Name = "id", DataType = "integer", IsNullable = false },
                    new DbColumn { Name = "customer_id", DataType = "bigint", IsNullable = false },
                    new DbColumn { Name = "status", DataType = "order_status", IsNullable = false, Default = "'new'" },
                    new DbColumn { Name = "amount", DataType = "numeric(12,2)", IsNullable = false },
                    new DbColumn { Name = "amount_with_tax", DataType = "numeric(12,2)", GenerationExpression = "amount * 1.2" },
                ],
                PrimaryKey = new DbKey("orders_pkey", ["id"]),
                ForeignKeys = [new DbForeignKey { Name = "orders_customer_fk", Columns = ["customer_id"], ReferencedSchema = schema, ReferencedTable = "customers", ReferencedColumns = ["id"], OnDelete = "CASCADE", OnUpdate = "RESTRICT" }],
                CheckConstraints = [new DbCheckConstraint("orders_amount_check", "amount >= 0")],
                Indexes =
                [
                    new DbIndex { Name = "orders_customer_idx", Columns = ["customer_id"] },
                    new DbIndex { Name = "orders_open_idx", Columns = ["status", "lower(note)"], Predicate = "status <> 'shipped'" },
                ],
            },
            new DbTable
            {
                Schema = schema, Name = "tbl_yonghu",
                Columns =
                [
                    new DbColumn { Name = "id", DataType = "bigint", IsNullable = false },
                    new DbColumn { Name = "xin_bie", DataType = "char(2)", IsNullable = false },
                    new DbColumn { Name = "gonghao", DataType = "varchar(32)", IsNullable = false },
                    new DbColumn { Name = "jiru_date", DataType = "varchar(32)" },
                ],
                PrimaryKey = new DbKey(null, ["id"]),
                UniqueConstraints = [new DbKey(null, ["gonghao"])],
            },
            new DbTable
            {
                Schema = schema, Name = "big_orders", IsView = true, ViewDefinition = "SELECT id, amount FROM orders WHERE amount > 1000",
                Columns = [new DbColumn { Name = "id", DataType = "integer" }, new DbColumn { Name = "amount", DataType = "numeric(12,2)" }],
            },
        ],
        dialect == DatabaseDialect.PostgreSql ? [new DbEnumType(schema, "order_status", ["new", "paid", "it's shipped"])] : []),
    ]);

    public const string LegacyMetadata = """
        {
          "type": "database",
          "description": "Database table structure annotation, use definitions here as standard",
          "tables": {
            "tbl_yonghu": {
              "label": "User table",
              "description": "Store system user information",
              "required": ["id", "xin_bie", "gonghao"],
              "columns": {
                "id": { "label": "User ID", "type": "int", "description": "Unique identifier" },
                "xin_bie": { "label": "Gender", "type": "char(2)", "description": "User gender", "enum": ["Male", "Female"] },
                "gonghao": { "label": "Employee ID", "type": "varchar(16)", "description": "User's employee ID", "unique": true },
                "jiru_date": { "label": "Join date", "type": "varchar(16)", "description": "User's join date", "format": "date", "nullable": true }
              }
            }
          }
        }
        """;

    /// <summary>
    /// An ERP-like schema: <paramref name="tables"/> tables of <paramref name="columns"/> columns in modules
    /// (sales, stock, hr, finance, …), each table pointing at the previous one of its module, plus a few
    /// tables the relevance tests look for.
    /// </summary>
    public static DbCatalog Erp(int tables, int columns)
    {
        string[] modules = ["sales", "stock", "hr", "finance", "purchase", "crm", "mfg", "qa", "logistics", "billing"];
        string[] nouns = ["record", "entry", "line", "batch", "ledger", "journal", "header", "detail", "snapshot", "log"];
        var list = new List<DbTable>(tables + 3)
        {
            ErpTable("customer_invoice", "Invoices sent to customers", ["invoice_no", "customer_account_id", "total_amount", "due_date"], null),
            ErpTable("customer_account", "Customer master data", ["account_name", "credit_limit", "country_code"], null),
            ErpTable("invoice_payment", "Payments received against invoices", ["customer_invoice_id", "paid_amount", "paid_at"], "customer_invoice"),
        };
        list[0] = list[0] with { ForeignKeys = [Fk("customer_account_id", "customer_account")] };
        for (var i = 0; i < tables; i++)
        {
            var module = modules[i % modules.Length];
            var name = $"{module}_{nouns[i / modules.Length % nouns.Length]}_{i:D5}";
            var columnNames = Enumerable.Range(0, columns - 1).Select(c => $"{module}_attr_{c:D2}").ToArray();
            list.Add(ErpTable(name, $"{module} data {i}", columnNames, i >= modules.Length ? $"{module}_{nouns[(i - modules.Length) / modules.Length % nouns.Length]}_{i - modules.Length:D5}" : null));
        }

        return new DbCatalog(DatabaseDialect.PostgreSql, [new DbSchema("erp", [.. list.OrderBy(t => t.Name, StringComparer.Ordinal)], [])]);

        static DbTable ErpTable(string name, string comment, string[] columnNames, string? parent) => new()
        {
            Schema = "erp",
            Name = name,
            Comment = comment,
            Columns = [new DbColumn { Name = "id", DataType = "bigint", IsNullable = false }, .. columnNames.Select(c => new DbColumn { Name = c, DataType = "varchar(100)" })],
            PrimaryKey = new DbKey($"{name}_pkey", ["id"]),
            ForeignKeys = parent is null ? [] : [Fk($"{parent}_id", parent) with { Columns = [columnNames[0]] }],
        };

        static DbForeignKey Fk(string column, string target) => new() { Columns = [column], ReferencedSchema = "erp", ReferencedTable = target, ReferencedColumns = ["id"] };
    }

    public static DbMetadata Metadata => DbMetadata.Parse(LegacyMetadata);
}
