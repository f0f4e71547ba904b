namespace Qoder.Lsp.Tests.Indexing;

/// <summary>A workspace folder and an index cache folder on disk, deleted on dispose.</summary>
internal sealed class TempWorkspace : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "qoder-index-" + Guid.NewGuid().ToString("N"));

    public TempWorkspace()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Cache);
    }

    public string Root => Path.Combine(_base, "repo");

    public string Cache => Path.Combine(_base, "cache");

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a file and moves its time forward, so a rewrite within the clock's resolution still looks changed.</summary>
    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var existed = File.Exists(path);
        var before = existed ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        File.WriteAllText(path, text);
        if (existed && File.GetLastWriteTimeUtc(path) <= before)
        {
            File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
