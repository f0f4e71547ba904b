using System.Collections.Immutable;
using System.Text.Json;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// The framework assemblies every project compiles against: the running runtime's own (its trusted platform
/// assemblies), which is the closest to the project's target framework we can get without an SDK.
/// </summary>
/// <remarks>
/// The trusted platform assemblies also list the server's own assemblies (Roslyn, our code, its packages). Those must
/// not leak into the user's projects, so only the runtime's are kept: in a framework-dependent app they are the ones in
/// the runtime's directory; in a self-contained app (how the server ships) everything sits in one directory, and the
/// runtime's are the files the deps.json lists under the runtime pack.
/// </remarks>
internal static class RuntimeReferences
{
    public static ImmutableArray<string> Paths { get; } = Find();

    private static ImmutableArray<string> Find()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(WorkspacePaths.Comparer)
            .ToList();
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(runtimeDirectory) || trusted.Count == 0)
        {
            return [];
        }

        var appDirectory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        if (!WorkspacePaths.Comparer.Equals(Path.TrimEndingDirectorySeparator(runtimeDirectory), appDirectory))
        {
            return [.. trusted.Where(path => WorkspacePaths.Comparer.Equals(Path.GetDirectoryName(path), runtimeDirectory)).Order(StringComparer.Ordinal)];
        }

        var runtimePackFiles = RuntimePackFileNames();
        return [.. trusted.Where(path => runtimePackFiles.Contains(Path.GetFileName(path))).Order(StringComparer.Ordinal)];
    }

    /// <summary>The file names the app's deps.json lists under its runtime pack (the self-contained runtime).</summary>
    private static HashSet<string> RuntimePackFileNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var depsFiles = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var depsFile in depsFiles)
        {
            try
            {
                using var stream = File.OpenRead(depsFile);
                using var json = JsonDocument.Parse(stream);
                var root = json.RootElement;
                if (!root.TryGetProperty("libraries", out var libraries) || !root.TryGetProperty("targets", out var targets))
                {
                    continue;
                }

                var runtimePacks = libraries.EnumerateObject()
                    .Where(library => library.Value.TryGetProperty("type", out var type) && type.GetString() == "runtimepack")
                    .Select(library => library.Name)
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var target in targets.EnumerateObject())
                {
                    foreach (var library in target.Value.EnumerateObject().Where(library => runtimePacks.Contains(library.Name)))
                    {
                        if (library.Value.TryGetProperty("runtime", out var runtime))
                        {
                            foreach (var file in runtime.EnumerateObject())
                            {
                                names.Add(Path.GetFileName(file.Name));
                            }
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
            {
                // Without a readable deps.json there is no telling ours from the runtime's; fewer references is the safe side.
            }
        }

        return names;
    }
}
