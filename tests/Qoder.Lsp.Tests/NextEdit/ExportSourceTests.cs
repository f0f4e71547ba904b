using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Server.NextEdit;
using Qoder.Lsp.Tests.Indexing;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>The server's index-backed source of exporting modules: index symbols confirmed against each file's current text.</summary>
public sealed class ExportSourceTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Index_symbols_are_confirmed_as_exports_in_the_current_text()
    {
        await using var index = new IndexFixture();
        var exported = index.Workspace.Write("src/util/date.ts", "export function formatDate(d: Date) {\n  return '';\n}\n");
        index.Workspace.Write("src/legacy/date.ts", "function formatDate(d) {\n  return '';\n}\n");
        index.Workspace.Write("src/py/date.py", "def formatDate(d):\n    return ''\n");
        var renamedSinceIndexed = index.Workspace.Write("src/old/date.ts", "export function formatDate(d: Date) {\n  return '';\n}\n");
        index.Start();
        await index.IdleAsync();
        var documents = new DocumentStore();
        documents.Open(DocumentUris.ToFileUri(renamedSinceIndexed), "typescript", 2, "export function formatDay(d: Date) {\n  return '';\n}\n");
        var source = new IndexExportSource(() => index.Service, documents, Budget);

        var files = await source.FindAsync("formatDate", CancellationToken.None);

        Assert.That(files.Select(file => file.Path), Is.EqualTo(new[] { exported }), "not exported, not a module, or no longer exporting it in the open document");
        Assert.That(files[0].Text, Does.StartWith("export function formatDate"));
    }

    [Test]
    public async Task Without_an_index_nothing_is_found()
    {
        var source = new IndexExportSource(() => null, new DocumentStore(), Budget);

        Assert.That(await source.FindAsync("formatDate", CancellationToken.None), Is.Empty);
    }
}
