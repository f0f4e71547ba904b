using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Completion.Pipeline;

/// <summary>
/// A golden fixture file: sections started by a "//- name" line. The input section is named after the file it
/// stands for ("//- input.py", "//- .env") and marks the cursor with "$0"; "//- maxlength" optionally holds
/// completion.maxLength (line, block, function); "//- expected" holds the output, which
/// QODER_UPDATE_GOLDEN=1 rewrites from the actual output on purpose (review the diff before committing).
/// </summary>
internal sealed class GoldenFixture
{
    private const string Marker = "//- ";
    private const string ExpectedSection = "expected";

    private readonly List<(string Name, string Content)> _sections;

    private GoldenFixture(string path, List<(string Name, string Content)> sections)
    {
        Path = path;
        _sections = sections;
    }

    public string Path { get; }

    public static string Directory(string kind) =>
        System.IO.Path.Combine(RepositoryRoot.FullPath, "tests", "Qoder.Lsp.Tests", "Completion", "Pipeline", "Golden", kind);

    public static IEnumerable<TestCaseData> Cases(string kind) =>
        System.IO.Directory.EnumerateFiles(Directory(kind), "*.txt").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(System.IO.Path.GetFileName(path)).SetName($"{kind}({System.IO.Path.GetFileNameWithoutExtension(path)})"));

    public static GoldenFixture Load(string kind, string fileName)
    {
        var path = System.IO.Path.Combine(Directory(kind), fileName);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var sections = new List<(string Name, List<string> Lines)>();
        foreach (var line in lines)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                sections.Add((line[Marker.Length..].Trim(), []));
            }
            else if (sections.Count == 0)
            {
                throw new FormatException($"{path}: text before the first '{Marker}' section");
            }
            else
            {
                sections[^1].Lines.Add(line);
            }
        }

        return new GoldenFixture(path, sections.Select(s => (s.Name, string.Join('\n', s.Lines))).ToList());
    }

    public string? Section(string name) => _sections.FirstOrDefault(s => s.Name == name).Content;

    /// <summary>The document section: the first one that is not "model", "expected" or a known keyword.</summary>
    public CompletionInput Input()
    {
        string[] keywords = ["model", ExpectedSection, "modelname", "snippet", "maxlength"];
        var (name, content) = _sections.First(s => !keywords.Contains(s.Name) && !s.Name.StartsWith("snippet ", StringComparison.Ordinal));
        var offset = content.IndexOf("$0", StringComparison.Ordinal);
        Assert.That(offset, Is.GreaterThanOrEqualTo(0), $"{Path}: no $0 cursor marker");
        var text = content.Remove(offset, 2);
        var fileName = name;
        var snippets = _sections.Where(s => s.Name.StartsWith("snippet ", StringComparison.Ordinal))
            .Select(s => new ContextSnippet(s.Name["snippet ".Length..], s.Content)).ToList();
        return new CompletionInput("file:///work/" + fileName, LanguageOf(fileName), "/work/" + fileName, text, offset, Invoked: false)
        {
            Snippets = snippets,
            MaxLength = CompletionLengths.Parse(Section("maxlength")),
        };
    }

    /// <summary>Compares with the expected section, or rewrites it when QODER_UPDATE_GOLDEN=1.</summary>
    public void Check(string actual)
    {
        if (Environment.GetEnvironmentVariable("QODER_UPDATE_GOLDEN") == "1")
        {
            var index = _sections.FindIndex(s => s.Name == ExpectedSection);
            if (index < 0)
            {
                _sections.Add((ExpectedSection, actual));
            }
            else
            {
                _sections[index] = (ExpectedSection, actual);
            }

            File.WriteAllText(Path, string.Concat(_sections.Select(s => $"{Marker}{s.Name}\n{s.Content}\n")));
        }

        var expected = Section(ExpectedSection);
        Assert.That(expected, Is.Not.Null, $"{Path}: no '{Marker}{ExpectedSection}' section (QODER_UPDATE_GOLDEN=1 writes it)");
        Assert.That(actual, Is.EqualTo(expected), $"{Path} differs; QODER_UPDATE_GOLDEN=1 rewrites it on purpose.");
    }

    private static string LanguageOf(string fileName) => System.IO.Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".py" => "python",
        ".cs" => "csharp",
        ".ts" => "typescript",
        ".js" => "javascript",
        ".go" => "go",
        ".rs" => "rust",
        ".java" => "java",
        ".json" => "json",
        _ => "plaintext",
    };
}
