using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// What the workspace needs from a csproj, read from its XML (and the nearest Directory.Build.props) rather than
/// evaluated by MSBuild: the server runs where no SDK may be installed. Conditions and imports are not evaluated.
/// </summary>
internal sealed record ProjectFile(
    string Path,
    string AssemblyName,
    bool IsMicrosoftNetSdk,
    string? Nullable,
    bool ImplicitUsings,
    bool AllowUnsafeBlocks,
    ImmutableArray<string> ProjectReferences,
    ImmutableArray<string> Usings)
{
    /// <summary>Global usings that Microsoft.NET.Sdk adds when ImplicitUsings is enabled.</summary>
    public static readonly ImmutableArray<string> SdkImplicitUsings =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    /// <summary>Reads a csproj; a file that cannot be read or parsed gives a project with defaults and no references.</summary>
    public static ProjectFile Read(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (FindDirectoryBuildProps(directory) is { } props && TryLoad(props) is { } propsXml)
        {
            ReadProperties(propsXml, properties);
        }

        var xml = TryLoad(path);
        var sdk = "";
        var references = ImmutableArray.CreateBuilder<string>();
        var usings = ImmutableArray.CreateBuilder<string>();
        if (xml?.Root is { } root)
        {
            sdk = (string?)root.Attribute("Sdk") ?? root.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value ?? "";
            ReadProperties(xml, properties);
            foreach (var item in root.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup"))
            {
                var include = (string?)item.Attribute("Include");
                if (string.IsNullOrWhiteSpace(include))
                {
                    continue;
                }

                if (item.Name.LocalName == "ProjectReference")
                {
                    // csproj files are written with backslashes on every OS.
                    var relative = include.Trim().Replace('\\', System.IO.Path.DirectorySeparatorChar);
                    references.Add(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, relative)));
                }
                else if (item.Name.LocalName == "Using" && item.Attribute("Static") is null && item.Attribute("Alias") is null)
                {
                    usings.Add(include.Trim());
                }
            }
        }

        return new ProjectFile(
            path,
            properties.GetValueOrDefault("AssemblyName") is { Length: > 0 } name && !name.Contains('$', StringComparison.Ordinal)
                ? name
                : System.IO.Path.GetFileNameWithoutExtension(path),
            sdk.StartsWith("Microsoft.NET.Sdk", StringComparison.OrdinalIgnoreCase),
            properties.GetValueOrDefault("Nullable"),
            IsTrue(properties.GetValueOrDefault("ImplicitUsings")),
            IsTrue(properties.GetValueOrDefault("AllowUnsafeBlocks")),
            references.ToImmutable(),
            usings.ToImmutable());
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("enable", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static void ReadProperties(XDocument xml, Dictionary<string, string> properties)
    {
        foreach (var group in xml.Root?.Elements().Where(e => e.Name.LocalName == "PropertyGroup") ?? [])
        {
            foreach (var property in group.Elements())
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }
        }
    }

    /// <summary>MSBuild imports the nearest Directory.Build.props above the project (only that one, unless it imports more).</summary>
    private static string? FindDirectoryBuildProps(string directory)
    {
        for (var current = directory; current is not null; current = System.IO.Path.GetDirectoryName(current))
        {
            var candidate = System.IO.Path.Combine(current, "Directory.Build.props");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static XDocument? TryLoad(string path)
    {
        try
        {
            // No DTDs: a project file never needs one, and refusing them rules out entity expansion attacks.
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }
}
