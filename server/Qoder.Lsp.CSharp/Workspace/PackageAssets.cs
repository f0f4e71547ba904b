using System.Collections.Immutable;
using System.Text.Json;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// The compile-time package assemblies of a restored project, from <c>obj/project.assets.json</c> (what NuGet restore
/// wrote for the compiler). Best effort: a project that was never restored, or a package missing from the packages
/// folder, just has fewer references and its uses of those packages resolve to nothing.
/// </summary>
internal static class PackageAssets
{
    public static ImmutableArray<string> CompileAssemblies(string projectDirectory)
    {
        var assetsPath = Path.Combine(projectDirectory, "obj", "project.assets.json");
        if (!File.Exists(assetsPath))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(assetsPath);
            using var json = JsonDocument.Parse(stream);
            return Read(json.RootElement);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return [];
        }
    }

    private static ImmutableArray<string> Read(JsonElement root)
    {
        var packageFolders = root.TryGetProperty("packageFolders", out var folders) && folders.ValueKind == JsonValueKind.Object
            ? [.. folders.EnumerateObject().Select(folder => folder.Name)]
            : new List<string>();
        if (packageFolders.Count == 0 || !root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries))
        {
            return [];
        }

        // The first target without a runtime identifier ("net10.0", not "net10.0/linux-x64") is what compiles.
        var target = targets.EnumerateObject().FirstOrDefault(t => !t.Name.Contains('/', StringComparison.Ordinal));
        if (target.Value.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var library in target.Value.EnumerateObject())
        {
            if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package"
                || !library.Value.TryGetProperty("compile", out var compile) || compile.ValueKind != JsonValueKind.Object
                || !libraries.TryGetProperty(library.Name, out var libraryInfo) || !libraryInfo.TryGetProperty("path", out var libraryPath))
            {
                continue;
            }

            foreach (var asset in compile.EnumerateObject())
            {
                // "_._" marks a target framework the package supports with no assembly of its own.
                if (!asset.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var relative = Path.Combine(libraryPath.GetString() ?? "", asset.Name).Replace('/', Path.DirectorySeparatorChar);
                var found = packageFolders.Select(folder => Path.Combine(folder, relative)).FirstOrDefault(File.Exists);
                if (found is not null)
                {
                    result.Add(Path.GetFullPath(found));
                }
            }
        }

        return result.ToImmutable();
    }
}
