namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>Line-comment syntax per LSP language id, so context put before the prefix reads as a comment to the model and cannot be mistaken for code to continue.</summary>
internal static class LanguageComments
{
    private static readonly HashSet<string> Hash = new(StringComparer.OrdinalIgnoreCase)
    {
        "python", "shellscript", "bash", "sh", "ruby", "perl", "r", "yaml", "toml", "powershell", "dockerfile",
        "makefile", "cmake", "elixir", "julia", "nim", "coffeescript", "properties", "ini", "graphql", "terraform",
    };

    private static readonly HashSet<string> DoubleDash = new(StringComparer.OrdinalIgnoreCase) { "sql", "lua", "haskell", "elm", "ada" };

    private static readonly HashSet<string> Markup = new(StringComparer.OrdinalIgnoreCase) { "html", "xml", "markdown", "vue", "svelte", "xaml", "razor" };

    private static readonly HashSet<string> Block = new(StringComparer.OrdinalIgnoreCase) { "css", "scss", "less" };

    public static string Comment(string languageId, string line)
    {
        if (Hash.Contains(languageId))
        {
            return "# " + line;
        }

        if (DoubleDash.Contains(languageId))
        {
            return "-- " + line;
        }

        if (Markup.Contains(languageId))
        {
            return "<!-- " + line + " -->";
        }

        if (Block.Contains(languageId))
        {
            return "/* " + line + " */";
        }

        return string.IsNullOrEmpty(line) ? "//" : "// " + line;
    }

    /// <summary>Whether a trimmed line is a comment with words in it, the "// initialize a list" that asks for code below it.</summary>
    public static bool IsNaturalLanguageComment(string trimmedLine)
    {
        string[] markers = ["//", "#", "--", "/*", "*", "\"\"\"", "'''", "<!--", ";"];
        var marker = markers.FirstOrDefault(m => trimmedLine.StartsWith(m, StringComparison.Ordinal));
        if (marker is null || trimmedLine.StartsWith("#include", StringComparison.Ordinal) || trimmedLine.StartsWith("#!", StringComparison.Ordinal))
        {
            return false;
        }

        return trimmedLine[marker.Length..].Count(char.IsLetter) >= 2;
    }
}
