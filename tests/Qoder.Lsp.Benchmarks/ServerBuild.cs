using System.Globalization;
using System.Reflection.PortableExecutable;

namespace Qoder.Lsp.Benchmarks;

/// <summary>A server binary under measurement and what kind of publish produced it, read from the files themselves.</summary>
internal sealed record ServerBuild(string Name, string Path, string Description)
{
    public static ServerBuild Inspect(string name, string path, string? label)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var mainAssembly = System.IO.Path.Combine(directory, System.IO.Path.GetFileNameWithoutExtension(path) + ".dll");
        if (!File.Exists(mainAssembly))
        {
            var unknown = "not a .NET publish folder: no " + System.IO.Path.GetFileName(mainAssembly);
            return new ServerBuild(name, path, label is null ? unknown : $"{label} ({unknown})");
        }

        var traits = new List<string>();
        if (File.Exists(System.IO.Path.Combine(directory, "libcoreclr.so")))
        {
            traits.Add("self-contained");
        }
        else
        {
            traits.Add("framework-dependent");
        }

        if (Directory.EnumerateFiles(directory, "*.r2r.dll").Any())
        {
            traits.Add("ReadyToRun composite");
        }
        else
        {
            traits.Add(IsReadyToRun(mainAssembly) ? "ReadyToRun" : "IL only (JIT)");
        }

        var size = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
        traits.Add(string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0 / 1024.0:0} MiB on disk"));
        var detected = string.Join(", ", traits);
        return new ServerBuild(name, path, label is null ? detected : $"{label} ({detected})");
    }

    private static bool IsReadyToRun(string assembly)
    {
        try
        {
            using var stream = File.OpenRead(assembly);
            using var reader = new PEReader(stream);
            return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
