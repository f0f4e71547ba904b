using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Golden tests of the pure renderer: <c>QODER_UPDATE_GOLDEN=1</c> rewrites the files in Database/Golden/.</summary>
public sealed class SchemaRenderingTests
{
    private static readonly string GoldenDirectory = Path.Combine(RepositoryRoot.FullPath, "tests", "Qoder.Lsp.Tests", "Database", "Golden");

    [TestCase(DatabaseDialect.PostgreSql)]
    [TestCase(DatabaseDialect.MySql)]
    [TestCase(DatabaseDialect.SqlServer)]
    [TestCase(DatabaseDialect.Sqlite)]
    public void WholeSchemaWithAnnotations(DatabaseDialect dialect)
    {
        var rendering = SchemaSelector.Render(SampleCatalogs.Shop(dialect), new SchemaRequest(), SampleCatalogs.Metadata);

        AssertGolden($"shop.{DatabaseDialects.Name(dialect)}.sql", rendering.Ddl);
        Assert.That(rendering.Ddl, Does.StartWith($"-- dialect: {DatabaseDialects.Name(dialect)}\n"));
        Assert.That(rendering.Tables, Is.EqualTo(new[] { "shop.big_orders", "shop.customers", "shop.orders", "shop.tbl_yonghu" }));
        Assert.That(rendering.Omitted, Is.Empty);
    }

    [Test]
    public void RenderingIsDeterministicWhateverTheInputOrder()
    {
        var catalog = SampleCatalogs.Shop(DatabaseDialect.PostgreSql);
        var shuffled = catalog with { Schemas = [catalog.Schemas[0] with { Tables = [.. catalog.Schemas[0].Tables.Reverse()] }] };

        Assert.That(SchemaSelector.Render(shuffled, new SchemaRequest()).Ddl, Is.EqualTo(SchemaSelector.Render(catalog, new SchemaRequest()).Ddl));
    }

    [Test]
    public void AForeignKeyCycleIsClosedWithAlterTable()
    {
        var ddl = SchemaSelector.Render(SampleCatalogs.Shop(DatabaseDialect.PostgreSql), new SchemaRequest()).Ddl;

        Assert.That(ddl.IndexOf("CREATE TABLE shop.customers", StringComparison.Ordinal), Is.LessThan(ddl.IndexOf("CREATE TABLE shop.orders", StringComparison.Ordinal)));
        Assert.That(ddl, Does.Contain("ALTER TABLE shop.customers ADD CONSTRAINT customers_favourite_fk FOREIGN KEY (favourite_order_id) REFERENCES shop.orders (id) ON DELETE SET NULL;"));
    }

    [Test]
    public void AnnotationsAreMergedAsComments()
    {
        var ddl = SchemaSelector.Render(SampleCatalogs.Shop(DatabaseDialect.MySql), new SchemaRequest { Tables = ["tbl_yonghu"] }, SampleCatalogs.Metadata).Ddl;

        Assert.That(ddl, Does.Contain("-- User table: Store system user information\nCREATE TABLE shop.tbl_yonghu ("));
        Assert.That(ddl, Does.Contain("xin_bie char(2) NOT NULL, -- Gender: User gender; enum: Male, Female; required"));
        Assert.That(ddl, Does.Contain("gonghao varchar(32) NOT NULL, -- Employee ID: User's employee ID; type: varchar(16); required; unique"));
        Assert.That(ddl, Does.Contain("jiru_date varchar(32), -- Join date: User's join date; format: date; type: varchar(16); nullable"));
    }

    [Test]
    public void ChosenTablesAndSchemasAndUnknownNames()
    {
        var catalog = SampleCatalogs.Shop(DatabaseDialect.PostgreSql);

        var chosen = SchemaSelector.Render(catalog, new SchemaRequest { Schema = "shop", Tables = ["orders", "shop.customers"] });

        Assert.That(chosen.Tables, Is.EqualTo(new[] { "shop.orders", "shop.customers" }));
        Assert.That(chosen.Omitted, Is.EqualTo(new[] { "shop.big_orders", "shop.tbl_yonghu" }));
        Assert.That(() => SchemaSelector.Render(catalog, new SchemaRequest { Tables = ["nope"] }), Throws.ArgumentException.With.Message.Contains("Unknown table(s): nope"));
        Assert.That(() => SchemaSelector.Render(catalog, new SchemaRequest { Schema = "other" }), Throws.ArgumentException.With.Message.Contains("No schema 'other'. Schemas: shop."));
    }

    [Test]
    public void MetadataErrorsSayWhere()
    {
        Assert.That(() => DbMetadata.Parse("{ \"tables\": "), Throws.InstanceOf<FormatException>().With.Message.Contains("line 1"));
        Assert.That(() => DbMetadata.Parse("[]"), Throws.InstanceOf<FormatException>());
    }

    internal static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(GoldenDirectory, name);
        if (Environment.GetEnvironmentVariable("QODER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing; run with QODER_UPDATE_GOLDEN=1 to create it.");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path).ReplaceLineEndings("\n")), $"{name} differs; run with QODER_UPDATE_GOLDEN=1 and review the diff.");
    }
}
