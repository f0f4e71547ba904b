using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// Files that are TypeScript/JavaScript modules, and the relative module specifier one module imports another by:
/// <c>./</c>-prefixed, forward slashes, without the extension of .ts/.tsx/.js/.jsx/.d.ts (or with <c>.js</c> when the
/// importing module's own relative imports spell it), .mts/.cts as .mjs/.cjs, and an <c>index</c> file as its folder.
/// </summary>
internal static class TypeScriptModulePaths
{
    private static readonly string[] Extensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

    private static readonly HashSet<string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        "typescript", "typescriptreact", "javascript", "javascriptreact",
    };

    public static bool IsModule(string languageId, string pathOrUri) =>
        Languages.Contains(languageId) || IsModulePath(pathOrUri);

    public static bool IsModulePath(string pathOrUri) =>
        Extensions.Any(extension => pathOrUri.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>CommonJS by its extension: such files are left alone.</summary>
    public static bool IsCommonJsPath(string path) =>
        path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cts", StringComparison.OrdinalIgnoreCase);

    /// <summary>The specifier <paramref name="fromFile"/> imports <paramref name="toFile"/> by.</summary>
    public static string Specifier(string fromFile, string toFile, bool withJsExtension)
    {
        var (withoutExtension, extension) = SplitExtension(toFile);
        var target = withoutExtension;
        var isIndex = string.Equals(Path.GetFileName(withoutExtension), "index", StringComparison.Ordinal);
        if (isIndex)
        {
            target = Path.GetDirectoryName(withoutExtension) ?? withoutExtension;
        }

        var relative = Path.GetRelativePath(Path.GetDirectoryName(fromFile) ?? ".", target).Replace('\\', '/');
        if (relative == ".")
        {
            relative = isIndex ? "." : "./" + Path.GetFileName(target);
        }
        else if (!relative.StartsWith("../", StringComparison.Ordinal) && relative != "..")
        {
            relative = "./" + relative;
        }

        var kept = extension.ToLowerInvariant() switch
        {
            ".mjs" or ".cjs" => extension,
            ".mts" => ".mjs",
            ".cts" => ".cjs",
            _ => withJsExtension && !isIndex ? ".js" : "",
        };
        return relative + kept;
    }

    /// <summary>How far apart two modules are: the specifier's path segments (<c>./a</c> is 1, <c>../../x/y</c> is 4).</summary>
    public static int Distance(string specifier) =>
        specifier.Split('/').Count(segment => segment != ".");

    /// <summary>Whether the relative <paramref name="specifier"/> written in <paramref name="fromFile"/> names <paramref name="toFile"/>.</summary>
    public static bool Names(string fromFile, string specifier, string toFile)
    {
        if (!specifier.StartsWith("./", StringComparison.Ordinal) && !specifier.StartsWith("../", StringComparison.Ordinal) && specifier is not ("." or ".."))
        {
            return false;
        }

        var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromFile) ?? ".", specifier));
        var (resolvedWithout, _) = SplitExtension(resolved);
        var (targetWithout, _) = SplitExtension(toFile);
        return DocumentUris.PathComparer.Equals(resolvedWithout, targetWithout)
            || DocumentUris.PathComparer.Equals(resolved, targetWithout)
            || (string.Equals(Path.GetFileName(targetWithout), "index", StringComparison.Ordinal)
                && DocumentUris.PathComparer.Equals(resolved.TrimEnd('/', '\\'), Path.GetDirectoryName(targetWithout)));
    }

    private static (string WithoutExtension, string Extension) SplitExtension(string path)
    {
        if (path.EndsWith(".d.ts", StringComparison.OrdinalIgnoreCase))
        {
            return (path[..^5], ".ts");
        }

        var extension = Extensions.FirstOrDefault(candidate => path.EndsWith(candidate, StringComparison.OrdinalIgnoreCase));
        return extension is null ? (path, "") : (path[..^extension.Length], path[^extension.Length..]);
    }
}
