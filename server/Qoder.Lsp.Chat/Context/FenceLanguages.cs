namespace Qoder.Lsp.Chat.Context;

/// <summary>The Markdown fence language for a file, so models and clients highlight context and replies right.</summary>
public static class FenceLanguages
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = "csharp", [".csx"] = "csharp", [".fs"] = "fsharp", [".vb"] = "vb", [".ts"] = "typescript", [".tsx"] = "tsx",
        [".js"] = "javascript", [".jsx"] = "jsx", [".mjs"] = "javascript", [".cjs"] = "javascript", [".py"] = "python",
        [".java"] = "java", [".kt"] = "kotlin", [".kts"] = "kotlin", [".go"] = "go", [".rs"] = "rust", [".rb"] = "ruby",
        [".php"] = "php", [".swift"] = "swift", [".c"] = "c", [".h"] = "c", [".cpp"] = "cpp", [".cc"] = "cpp", [".hpp"] = "cpp",
        [".scala"] = "scala", [".sql"] = "sql", [".sh"] = "bash", [".bash"] = "bash", [".ps1"] = "powershell", [".json"] = "json",
        [".yaml"] = "yaml", [".yml"] = "yaml", [".xml"] = "xml", [".csproj"] = "xml", [".props"] = "xml", [".html"] = "html",
        [".css"] = "css", [".scss"] = "scss", [".md"] = "markdown", [".toml"] = "toml", [".lua"] = "lua", [".dart"] = "dart",
        [".vue"] = "vue", [".svelte"] = "svelte", [".r"] = "r", [".razor"] = "razor", [".proto"] = "protobuf", [".gradle"] = "groovy",
    };

    public static string? FromPath(string? path) =>
        path is not null && ByExtension.TryGetValue(Path.GetExtension(path), out var language) ? language : null;
}
