namespace Qoder.Lsp.Core.Configuration;

/// <summary>Where qoder-lsp keeps what it can rebuild (indexes, the local model's file): the user's cache, never the workspace.</summary>
public static class CacheDirectories
{
    /// <summary><c>$XDG_CACHE_HOME/qoder-lsp</c>, else <c>~/.cache/qoder-lsp</c> (LocalApplicationData on Windows).</summary>
    public static string DefaultBase()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return Path.Combine(xdg, "qoder-lsp");
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "qoder-lsp")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "qoder-lsp");
    }
}
