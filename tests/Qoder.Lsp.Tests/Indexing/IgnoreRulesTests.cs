using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Walking;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>Which files the walker admits: defaults, nested .gitignore/.qoderignore with negation, settings patterns, binary, size, symlinks.</summary>
public sealed class IgnoreRulesTests
{
    private static readonly (string Path, string Text)[] IgnoreFiles =
    [
        (".gitignore", "*.log\n/config.json\ndist/\n**/logs\n!keep.log\ngenerated/\n"),
        (".qoderignore", "secrets/\n*.snap\n!important.snap\n"),
        ("app/.gitignore", "local.ts\n!/debug.log\n"),
        ("app/nested/.qoderignore", "*.ts\n!main.ts\n"),
    ];

    [TestCase("src/main.ts", false, TestName = "plain source is indexed")]
    [TestCase("node_modules/lib/index.js", true, TestName = "default: node_modules")]
    [TestCase("src/bin/Debug/app.dll", true, TestName = "default: bin at any depth")]
    [TestCase("obj/project.assets.json", true, TestName = "default: obj")]
    [TestCase(".git/HEAD", true, TestName = "default: .git")]
    [TestCase("target/classes/A.java", true, TestName = "default: target")]
    [TestCase("py/__pycache__/m.py", true, TestName = "default: __pycache__")]
    [TestCase("web/app.min.js", true, TestName = "default: minified js")]
    [TestCase("trace.log", true, TestName = "gitignore: *.log")]
    [TestCase("deep/er/trace.log", true, TestName = "gitignore: *.log at any depth")]
    [TestCase("keep.log", false, TestName = "gitignore negation: !keep.log")]
    [TestCase("config.json", true, TestName = "gitignore: anchored /config.json")]
    [TestCase("sub/config.json", false, TestName = "gitignore: anchored pattern does not match deeper")]
    [TestCase("dist/bundle.js", true, TestName = "gitignore: dist/ directory")]
    [TestCase("a/b/logs/x.txt", true, TestName = "gitignore: **/logs directory at any level")]
    [TestCase("generated/a.cs", true, TestName = "gitignore: generated/")]
    [TestCase("secrets/key.txt", true, TestName = "qoderignore: secrets/")]
    [TestCase("ui/button.snap", true, TestName = "qoderignore: *.snap")]
    [TestCase("ui/important.snap", false, TestName = "qoderignore negation: !important.snap")]
    [TestCase("app/local.ts", true, TestName = "nested gitignore applies to its directory")]
    [TestCase("local.ts", false, TestName = "nested gitignore does not apply above it")]
    [TestCase("app/debug.log", false, TestName = "nested negation overrides the root's *.log")]
    [TestCase("app/other/debug.log", true, TestName = "nested anchored negation applies only at its level")]
    [TestCase("app/nested/util.ts", true, TestName = "deeper qoderignore: *.ts")]
    [TestCase("app/nested/main.ts", false, TestName = "deeper qoderignore negation: !main.ts")]
    [TestCase("app/main.ts", false, TestName = "deeper qoderignore does not apply above it")]
    public void Ignore_table(string path, bool ignored)
    {
        using var workspace = new TempWorkspace();
        foreach (var (file, text) in IgnoreFiles)
        {
            workspace.Write(file, text);
        }

        var rules = new IgnoreRules(workspace.Root);

        Assert.That(rules.IsIgnored(path, isDirectory: false), Is.EqualTo(ignored));
    }

    [Test]
    public void A_file_under_an_ignored_directory_cannot_be_re_included_as_in_git()
    {
        using var workspace = new TempWorkspace();
        workspace.Write(".gitignore", "vendor/\n!vendor/keep.go\n");

        var rules = new IgnoreRules(workspace.Root);

        Assert.That(rules.IsIgnored("vendor/keep.go", isDirectory: false), Is.True);
    }

    [Test]
    public void Settings_patterns_apply_and_ignore_files_can_negate_them()
    {
        using var workspace = new TempWorkspace();
        workspace.Write(".qoderignore", "!fixtures/keep.json\n");

        var rules = new IgnoreRules(workspace.Root, ["fixtures/*.json"]);

        Assert.That(rules.IsIgnored("fixtures/big.json", isDirectory: false), Is.True);
        Assert.That(rules.IsIgnored("fixtures/keep.json", isDirectory: false), Is.False);
    }

    [Test]
    public void The_walker_skips_ignored_directories_large_files_and_symlinks_and_stops_at_the_file_limit()
    {
        using var workspace = new TempWorkspace();
        workspace.Write(".gitignore", "ignored/\n");
        workspace.Write("src/a.ts", "export const a = 1;\n");
        workspace.Write("src/b.ts", "export const b = 2;\n");
        workspace.Write("ignored/c.ts", "export const c = 3;\n");
        workspace.Write("node_modules/d/index.js", "module.exports = 4;\n");
        workspace.Write("big.txt", new string('x', 2048));
        Directory.CreateSymbolicLink(workspace.PathOf("loop"), workspace.Root);
        File.CreateSymbolicLink(workspace.PathOf("link.ts"), workspace.PathOf("src/a.ts"));
        var options = new IndexingOptions { MaxFileBytes = 1024 };

        var files = WorkspaceWalker.Walk(workspace.Root, new IgnoreRules(workspace.Root), options).Select(file => file.RelativePath).ToList();
        var limited = WorkspaceWalker.Walk(workspace.Root, new IgnoreRules(workspace.Root), options with { MaxFiles = 2 }).ToList();

        Assert.That(files, Is.EqualTo(new[] { ".gitignore", "src/a.ts", "src/b.ts" }));
        Assert.That(limited, Has.Count.EqualTo(2));
    }

    [Test]
    public void Binary_content_is_recognised_by_a_nul_byte_in_the_first_8_KB()
    {
        Assert.That(BinaryContent.LooksBinary("plain text\n"u8), Is.False);
        Assert.That(BinaryContent.LooksBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]), Is.True);
        var lateNul = new byte[10_000];
        lateNul.AsSpan().Fill((byte)'a');
        lateNul[9_000] = 0;
        Assert.That(BinaryContent.LooksBinary(lateNul), Is.False);
    }
}
