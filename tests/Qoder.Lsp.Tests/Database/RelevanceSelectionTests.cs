using Qoder.Lsp.Database.Model;
using Qoder.Lsp.Database.Rendering;

namespace Qoder.Lsp.Tests.Database;

/// <summary>Choosing the tables a question needs from a generated 10,000-table ERP schema, within a token budget (its speed: scripts/bench database).</summary>
public sealed class RelevanceSelectionTests
{
    private static readonly Lazy<DbCatalog> Erp = new(() => SampleCatalogs.Erp(10_000, 20));
    private static readonly Lazy<RelevanceIndex> ErpIndex = new(() => new RelevanceIndex(Erp.Value, null));

    [Test]
    public void TheTablesAQuestionNamesComeFirstWithTheirForeignKeyNeighbours()
    {
        var rendering = SchemaSelector.Render(Erp.Value, new SchemaRequest { Question = "Which customer invoices are overdue and how much was paid?", MaxTokens = 2000 }, index: ErpIndex.Value);

        Assert.That(rendering.Tables.Take(2), Is.EquivalentTo(new[] { "erp.customer_invoice", "erp.invoice_payment" }));
        Assert.That(rendering.Tables, Does.Contain("erp.customer_account"), "referenced by customer_invoice");
        Assert.That(rendering.EstimatedTokens, Is.LessThanOrEqualTo(2000));
        Assert.That(rendering.Tables.Count + rendering.Omitted.Count, Is.EqualTo(10_003));
        Assert.That(rendering.Ddl, Does.StartWith("-- dialect: postgresql\n"));
    }

    [Test]
    public void TheBudgetIsRespectedAndTheRestIsListedAsOmitted()
    {
        foreach (var budget in new[] { 50, 300, 1000, 5000 })
        {
            var rendering = SchemaSelector.Render(Erp.Value, new SchemaRequest { Question = "stock ledger batches", MaxTokens = budget }, index: ErpIndex.Value);

            Assert.That(rendering.EstimatedTokens, Is.LessThanOrEqualTo(budget), $"budget {budget}");
            Assert.That(rendering.Tables.Intersect(rendering.Omitted), Is.Empty);
            Assert.That(rendering.Tables.Count + rendering.Omitted.Count, Is.EqualTo(10_003));
            Assert.That(rendering.Tables, Has.All.StartWith("erp.stock_"), $"budget {budget}: only stock tables match");
        }
    }

    [Test]
    public void AnnotationsAndCjkLabelsAreSearched()
    {
        var metadata = DbMetadata.Parse("""{ "tables": { "tbl_yonghu": { "label": "用户表", "description": "Store system user information" } } }""");
        var catalog = SampleCatalogs.Shop(DatabaseDialect.MySql);

        var byEnglish = SchemaSelector.Render(catalog, new SchemaRequest { Question = "list all users by gender", MaxTokens = 400 }, metadata);
        var byChinese = SchemaSelector.Render(catalog, new SchemaRequest { Question = "查询所有用户", MaxTokens = 400 }, metadata);

        Assert.That(byEnglish.Tables.First(), Is.EqualTo("shop.tbl_yonghu"));
        Assert.That(byChinese.Tables.First(), Is.EqualTo("shop.tbl_yonghu"));
    }
}
