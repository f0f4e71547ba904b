using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Reads the XML doc comments of a type and its members straight from its source file, so schema
/// descriptions need no documentation-file build (which would turn every undocumented member into a
/// warning, and warnings are errors here). It relies on "one public type per file, named after the
/// type" and on a doc comment sitting directly above its declaration (attributes in between are fine).
/// </summary>
internal sealed partial class DocComments
{
    private readonly Dictionary<string, List<string>> _filesByTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, TypeDocs> _cache = [];

    /// <param name="sourceRoot">Folder searched (recursively) for <c>TypeName.cs</c>.</param>
    public DocComments(string sourceRoot)
    {
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(sourceRoot, path)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!_filesByTypeName.TryGetValue(name, out var list))
            {
                _filesByTypeName[name] = list = [];
            }

            list.Add(file);
        }
    }

    /// <summary>The summary of <paramref name="type"/>, as plain text; null when it has none.</summary>
    public string? ForType(Type type, Func<string, string>? renameMember = null) =>
        Render(Load(type).Summary, renameMember);

    /// <summary>The summary of a property or field, or the <c>param</c> text of a positional record parameter.</summary>
    public string? ForMember(Type type, string memberName, Func<string, string>? renameMember = null)
    {
        var docs = Load(type);
        var xml = docs.Members.GetValueOrDefault(memberName) ?? docs.Parameters.GetValueOrDefault(memberName);
        return Render(xml, renameMember);
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private TypeDocs Load(Type type)
    {
        if (_cache.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var docs = TypeDocs.None;
        var sourceName = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        if (_filesByTypeName.TryGetValue(sourceName, out var candidates))
        {
            // Two files with one name: the one whose namespace matches is the type's.
            var file = candidates.FirstOrDefault(path => File.ReadAllText(path).Contains($"namespace {type.Namespace}", StringComparison.Ordinal)) ?? candidates[0];
            docs = Parse(File.ReadAllLines(file), sourceName);
        }

        _cache[type] = docs;
        return docs;
    }

    private static TypeDocs Parse(string[] lines, string typeName)
    {
        string? summary = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("///", StringComparison.Ordinal))
            {
                pending.AppendLine(line[3..]);
                continue;
            }

            if (line.StartsWith('[') || pending.Length == 0)
            {
                continue; // attributes between a comment and its declaration; or code with no comment
            }

            var comment = pending.ToString();
            pending.Clear();
            if (line.Length == 0)
            {
                continue; // a comment separated from code by a blank line documents nothing
            }

            if (TypeDeclaration().Match(line) is { Success: true } typeMatch && typeMatch.Groups["name"].Value == typeName)
            {
                summary ??= Element(comment, "summary");
                foreach (var (name, text) in ParamElements(comment))
                {
                    parameters.TryAdd(name, text);
                }
            }
            else if (MemberDeclaration().Match(line) is { Success: true } memberMatch && Element(comment, "summary") is { } memberSummary)
            {
                members.TryAdd(memberMatch.Groups["name"].Value, memberSummary);
            }
        }

        return new TypeDocs(summary, members, parameters);
    }

    private static XElement? ParseComment(string comment)
    {
        try
        {
            return XElement.Parse("<doc>" + comment + "</doc>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null; // a malformed comment gives no description rather than a broken schema
        }
    }

    private static string? Element(string comment, string name) =>
        ParseComment(comment)?.Element(name) is { } element ? element.ToString(SaveOptions.DisableFormatting) : null;

    private static IEnumerable<(string Name, string Xml)> ParamElements(string comment) =>
        ParseComment(comment)?.Elements("param")
            .Where(element => element.Attribute("name") is not null)
            .Select(element => (element.Attribute("name")!.Value, element.ToString(SaveOptions.DisableFormatting))) ?? [];

    private static string? Render(string? xml, Func<string, string>? renameMember)
    {
        if (xml is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        Append(XElement.Parse(xml, LoadOptions.PreserveWhitespace), builder, renameMember ?? (name => name));
        var text = Whitespace().Replace(builder.ToString(), " ").Trim();
        return text.Length == 0 ? null : text;
    }

    private static void Append(XElement element, StringBuilder builder, Func<string, string> renameMember)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "c" or "code" } code:
                    builder.Append('`').Append(code.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } cref:
                    builder.Append('`').Append(renameMember(SimpleName(cref.Value))).Append('`');
                    break;
                case XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word:
                    builder.Append('`').Append(word.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference when reference.Attribute("name") is { } name:
                    builder.Append('`').Append(renameMember(name.Value)).Append('`');
                    break;
                case XElement child:
                    builder.Append(' ');
                    Append(child, builder, renameMember);
                    builder.Append(' ');
                    break;
            }
        }
    }

    // "T:Qoder.Lsp.Protocol.QoderStatus" or "QoderStatus.State" → the last segment, which is what a reader knows it by.
    private static string SimpleName(string cref)
    {
        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        name = paren >= 0 ? name[..paren] : name;
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+(?:struct|class))?)\s+(?<name>\w+)")]
    private static partial Regex TypeDeclaration();

    // The identifier right before what ends a member's head: "{" (property), "=" or ";" (field, constant), "(" (method), "=>".
    [GeneratedRegex(@"(?<name>\w+)\s*(?:\{|=>|=|;|\()")]
    private static partial Regex MemberDeclaration();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record TypeDocs(string? Summary, IReadOnlyDictionary<string, string> Members, IReadOnlyDictionary<string, string> Parameters)
    {
        public static TypeDocs None { get; } = new(null, new Dictionary<string, string>(), new Dictionary<string, string>());
    }
}
