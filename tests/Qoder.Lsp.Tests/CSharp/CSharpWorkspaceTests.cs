using Microsoft.CodeAnalysis;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.CSharp;

public sealed class CSharpWorkspaceTests
{
    [Test]
    public async Task Projects_their_files_references_and_loose_files_are_loaded_without_msbuild()
    {
        using var fixture = new CSharpSolutionFixture();
        var solution = (await fixture.LoadAsync()).CurrentSolution!;

        var projects = solution.Projects.ToDictionary(project => project.Name);
        Assert.That(projects.Keys, Is.EquivalentTo(new[] { "Shop.Domain", "Shop.App", "Miscellaneous Files" }));
        Assert.That(projects["Shop.App"].ProjectReferences.Select(reference => solution.GetProject(reference.ProjectId)!.Name), Is.EqualTo(new[] { "Shop.Domain" }));
        Assert.That(SourceFileNames(projects["Shop.Domain"]), Is.EquivalentTo(new[] { "Order.cs", "Customer.cs" }));
        Assert.That(SourceFileNames(projects["Shop.App"]), Is.EquivalentTo(new[] { "OrderService.cs", "OrderServiceBase.cs" }), "bin and obj are skipped");
        Assert.That(SourceFileNames(projects["Miscellaneous Files"]), Is.EqualTo(new[] { "Script.cs" }));
        Assert.That(projects["Shop.Domain"].CompilationOptions!.NullableContextOptions, Is.EqualTo(NullableContextOptions.Enable));
        Assert.That(projects["Shop.App"].CompilationOptions!.NullableContextOptions, Is.EqualTo(NullableContextOptions.Disable));
    }

    [Test]
    public async Task Projects_compile_against_the_runtime_their_references_and_implicit_usings()
    {
        using var fixture = new CSharpSolutionFixture();
        var solution = (await fixture.LoadAsync()).CurrentSolution!;

        foreach (var project in solution.Projects)
        {
            var compilation = await project.GetCompilationAsync();
            var errors = compilation!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(diagnostic => diagnostic.ToString());
            Assert.That(errors, Is.Empty, $"{project.Name}: List<T> and Sum need the implicit usings, Order in Shop.App the project reference");
        }

        var references = solution.Projects.First().MetadataReferences.Select(reference => Path.GetFileName(reference.Display ?? ""));
        Assert.That(references, Does.Contain("System.Runtime.dll"));
        Assert.That(references, Has.None.StartsWith("Microsoft.CodeAnalysis").And.None.StartsWith("Qoder.").And.None.StartsWith("nunit"),
            "the server's own assemblies do not leak into the user's projects");
    }

    [Test]
    public async Task Package_assemblies_listed_in_project_assets_json_are_referenced_and_missing_ones_skipped()
    {
        using var fixture = new CSharpSolutionFixture();
        var packages = fixture.PathOf("packages");
        var assembly = fixture.PathOf("packages/nunit/5.0.0/lib/net8.0/nunit.framework.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(assembly)!);
        File.Copy(typeof(Assert).Assembly.Location, assembly);
        fixture.Write("A/obj/project.assets.json", $$"""
            {
              "version": 3,
              "targets": {
                "net10.0": {
                  "NUnit/5.0.0": { "type": "package", "compile": { "lib/net8.0/nunit.framework.dll": {} } },
                  "Missing/1.0.0": { "type": "package", "compile": { "lib/net8.0/Missing.dll": {} } },
                  "Empty/1.0.0": { "type": "package", "compile": { "lib/net8.0/_._": {} } }
                }
              },
              "libraries": {
                "NUnit/5.0.0": { "type": "package", "path": "nunit/5.0.0" },
                "Missing/1.0.0": { "type": "package", "path": "missing/1.0.0" },
                "Empty/1.0.0": { "type": "package", "path": "empty/1.0.0" }
              },
              "packageFolders": { {{System.Text.Json.JsonSerializer.Serialize(packages + Path.DirectorySeparatorChar)}}: {} }
            }
            """);
        fixture.Write("A/UsesPackage.cs", "namespace Shop.Domain; public static class Checks { public static void Check() => NUnit.Framework.Assert.Pass(); }");

        var solution = (await fixture.LoadAsync()).CurrentSolution!;

        var domain = solution.Projects.Single(project => project.Name == "Shop.Domain");
        Assert.That(domain.MetadataReferences.Select(reference => reference.Display), Does.Contain(assembly));
        var compilation = await domain.GetCompilationAsync();
        Assert.That(compilation!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error), Is.Empty);
        Assert.That(solution.Projects.Single(project => project.Name == "Shop.App").MetadataReferences.Select(reference => reference.Display), Does.Not.Contain(assembly));
    }

    [Test]
    public async Task An_open_document_replaces_the_file_text_live_and_closing_it_goes_back_to_the_disk()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var path = fixture.PathOf("B/OrderService.cs");
        var uri = CSharpSolutionFixture.UriOf(path);

        fixture.Documents.Open(uri, "csharp", 1, CSharpSolutionFixture.ServiceSource + "\n// opened\n");
        Assert.That(await TextOf(workspace, path), Does.EndWith("// opened\n"));

        fixture.Documents.Change(uri, 2, [TextChange.Insert(new LinePosition(0, 0), "// edited\n")]);
        var edited = await TextOf(workspace, path);
        Assert.That(edited, Does.StartWith("// edited\nusing Shop.Domain;").And.EndWith("// opened\n"));
        var tree = await workspace.FindDocument(path)!.GetSyntaxTreeAsync();
        Assert.That(tree!.ToString(), Is.EqualTo(edited), "the tree follows the text");

        fixture.Documents.Close(uri);
        await workspace.WhenIdleAsync();
        Assert.That(await TextOf(workspace, path), Is.EqualTo(CSharpSolutionFixture.ServiceSource));
    }

    [Test]
    public async Task Keystrokes_only_record_their_text_and_the_solution_takes_them_all_at_its_next_read()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var path = fixture.PathOf("B/OrderService.cs");
        var uri = CSharpSolutionFixture.UriOf(path);
        fixture.Documents.Open(uri, "csharp", 1, CSharpSolutionFixture.ServiceSource);
        _ = workspace.CurrentSolution;
        var updates = workspace.OpenTextUpdates;

        var typed = "// typed";
        for (var i = 0; i < typed.Length; i++)
        {
            fixture.Documents.Change(uri, 2 + i, [TextChange.Insert(new LinePosition(0, i), typed[i].ToString())]);
        }

        Assert.That(workspace.IsLoaded, Is.True);
        Assert.That(workspace.OpenTextUpdates, Is.EqualTo(updates), "no Roslyn fork on the didChange path, nor for IsLoaded");
        Assert.That(await TextOf(workspace, path), Is.EqualTo(typed + CSharpSolutionFixture.ServiceSource));
        Assert.That(workspace.OpenTextUpdates, Is.EqualTo(updates + 1), "every keystroke since the last read, in one update");
        var tree = await workspace.FindDocument(path)!.GetSyntaxTreeAsync();
        Assert.That(tree!.ToString(), Is.EqualTo(typed + CSharpSolutionFixture.ServiceSource));
    }

    [Test]
    public async Task Text_opened_before_the_load_finishes_wins_over_the_disk()
    {
        using var fixture = new CSharpSolutionFixture();
        var path = fixture.PathOf("A/Order.cs");
        fixture.Documents.Open(CSharpSolutionFixture.UriOf(path), "csharp", 1, "namespace Shop.Domain; public class Order { }");

        var workspace = await fixture.LoadAsync();

        Assert.That(await TextOf(workspace, path), Is.EqualTo("namespace Shop.Domain; public class Order { }"));
    }

    [Test]
    public async Task An_open_file_that_is_not_on_disk_yet_joins_the_project_whose_directory_holds_it()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var path = fixture.PathOf("B/Unsaved.cs");

        fixture.Documents.Open(CSharpSolutionFixture.UriOf(path), "csharp", 1, "class Unsaved { }");

        Assert.That(workspace.FindDocument(path)?.Project.Name, Is.EqualTo("Shop.App"));
    }

    [Test]
    public async Task Files_changed_created_and_deleted_on_disk_are_reread()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();

        var changed = fixture.Write("A/Customer.cs", "namespace Shop.Domain; public record Customer(string Name);");
        var created = fixture.Write("A/Sub/Invoice.cs", "namespace Shop.Domain; public class Invoice { }");
        var ignored = fixture.Write("A/obj/Invoice.g.cs", "class Generated { }");
        var deleted = fixture.PathOf("B/OrderServiceBase.cs");
        File.Delete(deleted);
        var inNewDirectory = fixture.Write("A/Models/Tax.cs", "namespace Shop.Domain; public class Tax { }");
        workspace.OnFilesChanged([changed, CSharpSolutionFixture.UriOf(created), ignored, deleted, fixture.PathOf("A/Models")]);
        await workspace.WhenIdleAsync();

        Assert.That(await TextOf(workspace, changed), Is.EqualTo("namespace Shop.Domain; public record Customer(string Name);"));
        Assert.That(workspace.FindDocument(created)?.Project.Name, Is.EqualTo("Shop.Domain"));
        Assert.That(workspace.FindDocument(ignored), Is.Null);
        Assert.That(workspace.FindDocument(deleted), Is.Null);
        Assert.That(workspace.FindDocument(inNewDirectory)?.Project.Name, Is.EqualTo("Shop.Domain"), "a new directory's files are added");
        Assert.That(workspace.FindDocument(fixture.PathOf("A/Order.cs")), Is.Not.Null, "an existing directory is not mistaken for a deleted one");
    }

    [Test]
    public async Task A_disk_change_to_an_open_document_does_not_override_the_editor_text()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var path = fixture.PathOf("A/Order.cs");
        fixture.Documents.Open(CSharpSolutionFixture.UriOf(path), "csharp", 1, "// editor");

        fixture.Write("A/Order.cs", "// disk");
        workspace.OnFilesChanged([path]);
        await workspace.WhenIdleAsync();

        Assert.That(await TextOf(workspace, path), Is.EqualTo("// editor"));
    }

    [Test]
    public async Task A_changed_csproj_reloads_the_projects()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var csproj = fixture.Write("B/Shop.App.csproj", CSharpSolutionFixture.AppCsproj.Replace("""<ProjectReference Include="..\A\Shop.Domain.csproj" />""", "", StringComparison.Ordinal));
        var created = fixture.Write("C/Shop.Tools.csproj", CSharpSolutionFixture.DomainCsproj);

        workspace.OnFilesChanged([csproj, created]);
        await workspace.WhenIdleAsync();

        var solution = workspace.CurrentSolution!;
        Assert.That(solution.Projects.Select(project => project.Name), Does.Contain("Shop.Tools"));
        Assert.That(solution.Projects.Single(project => project.Name == "Shop.App").ProjectReferences, Is.Empty);
    }

    [Test]
    public async Task Without_any_csproj_the_loose_files_form_one_project()
    {
        using var fixture = new CSharpSolutionFixture(withProjects: false);
        var solution = (await fixture.LoadAsync()).CurrentSolution!;

        Assert.That(solution.Projects.Select(project => project.Name), Is.EqualTo(new[] { "Miscellaneous Files" }));
        var compilation = await solution.Projects.Single().GetCompilationAsync();
        Assert.That(compilation!.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error), Is.Empty);
    }

    [Test]
    public async Task The_semantic_model_of_a_document_resolves_types_across_projects()
    {
        using var fixture = new CSharpSolutionFixture();
        var workspace = await fixture.LoadAsync();
        var path = fixture.PathOf("B/OrderService.cs");

        var model = await workspace.GetSemanticModelAsync(CSharpSolutionFixture.UriOf(path), CancellationToken.None);

        var order = model!.Compilation.GetTypeByMetadataName("Shop.Domain.Order");
        Assert.That(order?.Locations.Single().SourceTree?.FilePath, Is.EqualTo(fixture.PathOf("A/Order.cs")));
    }

    [Test]
    public void Before_start_nothing_is_loaded_and_lookups_find_nothing()
    {
        using var fixture = new CSharpSolutionFixture();

        Assert.That(fixture.Workspace.IsLoaded, Is.False);
        Assert.That(fixture.Workspace.FindDocument(fixture.PathOf("A/Order.cs")), Is.Null);
    }

    private static IEnumerable<string> SourceFileNames(Project project) =>
        project.Documents.Where(document => !document.Name.EndsWith(".g.cs", StringComparison.Ordinal)).Select(document => document.Name);

    private static async Task<string> TextOf(Qoder.Lsp.CSharp.CSharpWorkspace workspace, string path)
    {
        var document = workspace.FindDocument(path);
        Assert.That(document, Is.Not.Null, path);
        return (await document!.GetTextAsync()).ToString();
    }
}
