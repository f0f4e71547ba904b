namespace Qoder.Lsp.Testing.Schema;

/// <summary>
/// Committed generated files, checked the rust-analyzer <c>expect!</c> way: a test compares, and the same
/// test run with <see cref="UpdateVariable"/>=1 rewrites the files instead, so regenerating is deliberate.
/// </summary>
public static class GoldenFiles
{
    public const string UpdateVariable = "QODER_UPDATE_SCHEMA";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    /// <returns>Null when the committed file equals <paramref name="expected"/>; otherwise what differs.</returns>
    public static string? Compare(string repositoryRoot, string relativePath, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var path = Path.Combine(repositoryRoot, relativePath);
        if (!File.Exists(path))
        {
            return $"{relativePath} does not exist.";
        }

        // A checkout with core.autocrlf turns LF into CRLF; that is not drift.
        var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (actual == expected)
        {
            return null;
        }

        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var line = 0;
        while (line < actualLines.Length && line < expectedLines.Length && actualLines[line] == expectedLines[line])
        {
            line++;
        }

        var committed = line < actualLines.Length ? actualLines[line] : "<end of file>";
        var generated = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        return $"{relativePath} is stale; first difference at line {line + 1}:\n  committed: {committed.Trim()}\n  generated: {generated.Trim()}";
    }

    public static void Write(string repositoryRoot, string relativePath, string content)
    {
        var path = Path.Combine(repositoryRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
