using System.Collections.Concurrent;
using MAB.DotIgnore;

namespace Qoder.Lsp.Indexing.Walking;

/// <summary>
/// What a root's walk skips, with git's semantics: default ignores, then the patterns from settings,
/// then every <c>.gitignore</c> and <c>.qoderignore</c> from the root down to the path's directory; the
/// last matching rule wins and <c>!pattern</c> re-includes. A path is also ignored when any of its
/// ancestor directories is, as in git (a file under an ignored directory cannot be re-included).
/// Ignore files are read once per directory and dropped with <see cref="Invalidate"/>.
/// </summary>
public sealed class IgnoreRules
{
    /// <summary>Directories that are never source: VCS metadata, dependencies and build outputs.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        ".git/", ".hg/", ".svn/", "node_modules/", "bin/", "obj/", "dist/", "out/", "target/", "build/",
        ".venv/", "venv/", "__pycache__/", ".gradle/", ".idea/", ".vs/", ".next/", ".nuxt/", "coverage/",
        "*.min.js", "*.min.css", "*.map", "*.lock", "package-lock.json", "*.pyc", "*.class", "*.dll", "*.exe",
        "*.so", "*.dylib", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.ico", "*.pdf", "*.zip", "*.gz", "*.tar",
        "*.woff", "*.woff2", "*.ttf", "*.db", "*.sqlite",
    ];

    private static readonly string[] IgnoreFileNames = [".gitignore", ".qoderignore"];

    private readonly string _root;
    private readonly IgnoreList _fixed;
    private readonly ConcurrentDictionary<string, IgnoreList?> _perDirectory = new(StringComparer.Ordinal);

    public IgnoreRules(string root, IEnumerable<string>? extraPatterns = null, bool useDefaults = true)
    {
        _root = root;
        _fixed = new IgnoreList((useDefaults ? DefaultPatterns : []).Concat(extraPatterns ?? []).Where(pattern => !string.IsNullOrWhiteSpace(pattern)));
    }

    /// <summary>Forgets cached ignore files (after one of them changed).</summary>
    public void Invalidate() => _perDirectory.Clear();

    public static bool IsIgnoreFile(string path) => IgnoreFileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>Whether <paramref name="relativePath"/> ('/'-separated) or any of its ancestors is ignored.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var depth = 1; depth <= segments.Length; depth++)
        {
            var last = depth == segments.Length;
            if (IsIgnoredItself(segments, depth, last ? isDirectory : true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether this exact path is ignored, assuming its ancestors are not (the walker checks top-down).</summary>
    internal bool IsIgnoredItself(string relativePath, bool isDirectory)
    {
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return IsIgnoredItself(segments, segments.Length, isDirectory);
    }

    private bool IsIgnoredItself(string[] segments, int length, bool isDirectory)
    {
        var path = string.Join('/', segments, 0, length);
        bool? verdict = Decide(_fixed, path, isDirectory);
        // Ignore files from the root to the path's own directory; deeper files override shallower ones.
        for (var depth = 0; depth < length; depth++)
        {
            var directory = string.Join('/', segments, 0, depth);
            if (ForDirectory(directory) is { } list)
            {
                var relativeToList = string.Join('/', segments, depth, length - depth);
                verdict = Decide(list, relativeToList, isDirectory) ?? verdict;
            }
        }

        return verdict == true;
    }

    private static bool? Decide(IgnoreList list, string path, bool isDirectory)
    {
        bool? verdict = null;
        foreach (var rule in list.Rules)
        {
            if (rule.IsMatch(path, isDirectory))
            {
                verdict = !rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
            }
        }

        return verdict;
    }

    private IgnoreList? ForDirectory(string relativeDirectory) =>
        _perDirectory.GetOrAdd(relativeDirectory, directory =>
        {
            var lines = new List<string>();
            foreach (var name in IgnoreFileNames)
            {
                var file = Path.Combine(_root, directory.Replace('/', Path.DirectorySeparatorChar), name);
                try
                {
                    if (File.Exists(file))
                    {
                        lines.AddRange(File.ReadAllLines(file));
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            var rules = lines.Select(line => line.TrimEnd()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
            return rules.Count == 0 ? null : new IgnoreList(rules);
        });
}
