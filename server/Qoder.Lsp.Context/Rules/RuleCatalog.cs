using System.Text;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Context.Rules;

/// <summary>
/// Rules and AGENTS.md files for chat prompts, as the product docs specify (user-guide-rules.md, en-cli-memory.md):
/// <list type="bullet">
/// <item><c>~/.qoder/AGENTS.md</c>, each workspace root's <c>AGENTS.md</c> and <c>AGENTS.local.md</c>, and
/// <c>~/.qoder/rules/**/*.md</c> and <c>&lt;root&gt;/.qoder/rules/**/*.md</c> always count.</item>
/// <item>A nested folder's <c>AGENTS.md</c>, <c>AGENTS.local.md</c> and <c>.qoder/rules</c> count only when a file
/// in the context lies under that folder (the CLI loads subdirectory memory on demand, walking up from the file).</item>
/// <item>AGENTS.md comes first and rules after, with a line saying rules win on conflict; within each, general
/// (user, root) comes before specific (project, deeper folders).</item>
/// </list>
/// Nothing is cached but parsed file contents keyed on (path, mtime, size), so edits apply on the next call.
/// Thread-safe.
/// </summary>
public sealed class RuleCatalog
{
    /// <summary>The product's limit on all active rule text together.</summary>
    public const int MaxPromptCharacters = 100_000;

    /// <summary>Room kept for the truncation note so that the whole text stays within the limit.</summary>
    internal const int NoteReserve = 1_000;

    /// <summary>Smallest useful remainder of a truncated section; below that the section is left out.</summary>
    private const int MinimumTruncatedSection = 200;

    private const string RulesFolder = "rules";
    private const string QoderFolder = ".qoder";
    private static readonly string[] AgentsFileNames = ["AGENTS.md", "AGENTS.local.md"];

    /// <summary>Folders never searched for nested <c>.qoder/rules</c>: dependencies and build output are large and hold no project rules.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "bin", "obj", "target", "dist", "build", "out", "vendor", "__pycache__", "venv",
    };

    private const int MaxDiscoveredFolders = 20_000;
    private const int MaxAncestorLevels = 20;
    private static readonly TimeSpan DiscoveryLifetime = TimeSpan.FromSeconds(10);

    private readonly IFileSystem _fileSystem;
    private readonly Func<IReadOnlyList<string>> _workspaceRoots;
    private readonly TimeProvider _time;
    private readonly StampedFileCache<ParsedRule> _rules;
    private readonly StampedFileCache<InstructionFile> _instructions;
    private readonly Lock _discoveryLock = new();
    private Discovery? _discovery;
    private long _discoveryGeneration;
    private Task? _discoveryRefresh;

    public RuleCatalog(IFileSystem fs, Func<IReadOnlyList<string>> workspaceRoots, TimeProvider? timeProvider = null)
    {
        _fileSystem = fs;
        _workspaceRoots = workspaceRoots;
        _time = timeProvider ?? TimeProvider.System;
        _rules = new StampedFileCache<ParsedRule>(fs, ParsedRule.Parse, ParsedRule.Unreadable);
        _instructions = new StampedFileCache<InstructionFile>(fs, InstructionFile.Parse, InstructionFile.Unreadable);
    }

    /// <summary>Every rule: user, workspace roots, and nested <c>.qoder/rules</c> folders found in the workspace.</summary>
    public IReadOnlyList<RuleInfo> List()
    {
        var roots = Roots();
        return [.. LoadRules(AllSources(roots)).Select(rule => rule.Info)];
    }

    /// <summary>
    /// The rules text for a prompt. <paramref name="contextFilePaths"/> are the files (or folders) in the request's
    /// context: they select glob rules and nested folders' rules and AGENTS.md. <paramref name="manualRuleNames"/> are
    /// the rules the user named with <c>@rule</c> (name or path).
    /// </summary>
    public RulePrompt BuildPrompt(IReadOnlyCollection<string> contextFilePaths, IReadOnlyCollection<string> manualRuleNames)
    {
        ArgumentNullException.ThrowIfNull(contextFilePaths);
        ArgumentNullException.ThrowIfNull(manualRuleNames);
        var roots = Roots();
        var contextFiles = contextFilePaths.Select(path => Normalize(path, roots)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var nestedFolders = NestedFoldersOf(contextFiles, roots);
        var notes = new List<string>();
        var sections = new List<PromptSection>();

        AddInstructionSections(sections, roots, nestedFolders, notes);

        var sources = PromptSources(roots, nestedFolders);
        var rules = LoadRules(sources);
        var requested = ResolveManual(manualRuleNames, rules, roots, notes);
        var modelDecision = new List<RuleFile>();
        foreach (var rule in rules)
        {
            var parsed = rule.Parsed;
            if (requested.ContainsKey(rule.Info.Path))
            {
                continue;
            }

            if (!parsed.IsComplete || parsed.Body.Length == 0)
            {
                continue;
            }

            switch (parsed.Trigger)
            {
                case RuleTrigger.AlwaysOn:
                    sections.Add(RuleSection(rule, rule.Info.Scope == RuleScope.Project ? SectionTier.ProjectRule : SectionTier.UserRule));
                    break;
                case RuleTrigger.Glob when MatchesAny(rule, contextFiles, roots):
                    sections.Add(RuleSection(rule, rule.Info.Scope == RuleScope.Project ? SectionTier.ProjectRule : SectionTier.UserRule));
                    break;
                case RuleTrigger.ModelDecision:
                    modelDecision.Add(rule);
                    break;
            }
        }

        foreach (var rule in requested.Values)
        {
            sections.Add(RuleSection(rule, SectionTier.Requested));
        }

        if (modelDecision.Count > 0)
        {
            sections.Add(ModelDecisionSection(modelDecision));
        }

        return Render(sections, notes);
    }

    /// <summary>
    /// The body of a rule, for the model's <c>read_rule</c> tool (by name as listed in the prompt, or by path).
    /// Null for unknown names and for manual rules, which only the user brings in.
    /// </summary>
    public string? ReadRule(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var rules = LoadRules(AllSources(Roots()));
        var match = FindByNameOrPath(rules, name.Trim()).LastOrDefault(rule => rule.Parsed.Trigger != RuleTrigger.Manual);
        return match?.Parsed.Body;
    }

    /// <summary>Forget the nested-folder discovery when the client reports changes under a <c>.qoder</c> folder.</summary>
    public void OnFilesChanged(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Any(path => path.Contains(QoderFolder, StringComparison.Ordinal)))
        {
            lock (_discoveryLock)
            {
                _discovery = null;
                _discoveryGeneration++;
            }
        }
    }

    private IReadOnlyList<string> Roots() =>
        [.. _workspaceRoots().Where(root => !string.IsNullOrWhiteSpace(root)).Select(TrimSeparators).Distinct(StringComparer.Ordinal)];

    private static string TrimSeparators(string path) =>
        path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;

    private static string? Normalize(string path, IReadOnlyList<string> roots)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            path = uri.LocalPath;
        }

        if (!Path.IsPathRooted(path))
        {
            if (roots.Count == 0)
            {
                return null;
            }

            path = Path.Combine(roots[0], path);
        }

        return TrimSeparators(Path.GetFullPath(path));
    }

    private static bool IsUnder(string path, string folder) =>
        path.Length > folder.Length
        && path.StartsWith(folder, StringComparison.Ordinal)
        && (path[folder.Length] == Path.DirectorySeparatorChar || path[folder.Length] == Path.AltDirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));

    private static string? RootOf(string path, IReadOnlyList<string> roots) =>
        roots.Where(root => IsUnder(path, root)).OrderByDescending(root => root.Length).FirstOrDefault();

    /// <summary>Folders strictly between each context file and its workspace root, root-most first.</summary>
    private List<string> NestedFoldersOf(List<string> contextFiles, IReadOnlyList<string> roots)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in contextFiles)
        {
            if (RootOf(file, roots) is not { } root)
            {
                continue;
            }

            var folder = _fileSystem.DirectoryExists(file) ? file : Path.GetDirectoryName(file);
            while (folder is not null && IsUnder(folder, root) && folders.Add(folder))
            {
                folder = Path.GetDirectoryName(folder);
            }
        }

        // Shallow folders first, so deeper (more specific) files come later in the prompt.
        return [.. folders.OrderBy(folder => folder.Count(c => c == Path.DirectorySeparatorChar)).ThenBy(folder => folder, StringComparer.Ordinal)];
    }

    private void AddInstructionSections(List<PromptSection> sections, IReadOnlyList<string> roots, List<string> nestedFolders, List<string> notes)
    {
        if (_fileSystem.HomeDirectory is { } home)
        {
            AddInstruction(sections, Path.Combine(home, QoderFolder, "AGENTS.md"), home, SectionTier.UserInstructions, notes);
        }

        // Imports stay inside the project (the docs' default boundary): the repository top when the root is below it.
        var boundaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var folders = new List<string>();
        foreach (var root in roots)
        {
            var ancestors = AncestorsOf(root);
            boundaries[root] = ancestors.Count > 0 ? ancestors[0] : root;
            folders.AddRange(ancestors.Where(ancestor => !folders.Contains(ancestor, StringComparer.Ordinal)));
        }

        folders.AddRange(roots);
        folders.AddRange(nestedFolders);
        foreach (var folder in folders)
        {
            var root = roots.Contains(folder, StringComparer.Ordinal) ? folder : RootOf(folder, roots);
            var boundary = root is not null ? boundaries[root] : boundaries.Values.FirstOrDefault(top => IsUnder(folder, top) || top == folder) ?? folder;
            foreach (var name in AgentsFileNames)
            {
                AddInstruction(sections, Path.Combine(folder, name), boundary, SectionTier.ProjectInstructions, notes);
            }
        }
    }

    /// <summary>
    /// The folders above a workspace root up to the repository top (the nearest one holding <c>.git</c>), outermost
    /// first; empty when the root is the top itself or no repository encloses it. The CLI searches upward from the
    /// workspace and stops there, so a package opened on its own still gets the repository's AGENTS.md and rules.
    /// </summary>
    private List<string> AncestorsOf(string root)
    {
        if (IsRepositoryTop(root))
        {
            return [];
        }

        var ancestors = new List<string>();
        var folder = Path.GetDirectoryName(root);
        for (var level = 0; folder is not null && level < MaxAncestorLevels; level++)
        {
            ancestors.Add(folder);
            if (IsRepositoryTop(folder))
            {
                ancestors.Reverse();
                return ancestors;
            }

            folder = Path.GetDirectoryName(folder);
        }

        return [];
    }

    private bool IsRepositoryTop(string folder)
    {
        var git = Path.Combine(folder, ".git");
        return _fileSystem.DirectoryExists(git) || _fileSystem.FileExists(git);
    }

    private void AddInstruction(List<PromptSection> sections, string path, string importBoundary, SectionTier tier, List<string> notes)
    {
        if (_instructions.Get(path) is not { } file)
        {
            return;
        }

        if (file.Problem is { } problem)
        {
            notes.Add(problem);
        }
        else if (file.Text.Length > 0)
        {
            var text = AgentsImports.Expand(path, file.Text, importBoundary, _fileSystem.HomeDirectory, _instructions.Get, notes);
            sections.Add(new PromptSection($"{Path.GetFileName(path)} ({path})", text, tier, path));
        }
    }

    /// <summary>User rules, each root's rules, then the nested folders' rules that the context reaches.</summary>
    private List<RuleSource> PromptSources(IReadOnlyList<string> roots, List<string> nestedFolders)
    {
        var sources = BaseSources(roots);
        foreach (var folder in nestedFolders)
        {
            var rulesFolder = Path.Combine(folder, QoderFolder, RulesFolder);
            if (_fileSystem.DirectoryExists(rulesFolder))
            {
                sources.Add(new RuleSource(rulesFolder, folder, RuleScope.Project, 1 + Depth(folder, roots)));
            }
        }

        return Deduplicate(sources);
    }

    private List<RuleSource> AllSources(IReadOnlyList<string> roots)
    {
        var sources = BaseSources(roots);
        sources.AddRange(DiscoverNested(roots).Select(folder =>
            new RuleSource(Path.Combine(folder, QoderFolder, RulesFolder), folder, RuleScope.Project, 1 + Depth(folder, roots))));
        return Deduplicate(sources);
    }

    private List<RuleSource> BaseSources(IReadOnlyList<string> roots)
    {
        var sources = new List<RuleSource>();
        if (_fileSystem.HomeDirectory is { } home)
        {
            sources.Add(new RuleSource(Path.Combine(home, QoderFolder, RulesFolder), null, RuleScope.User, 0));
        }

        // Folders above a root (up to the repository top) come before it: more general, so earlier in the prompt.
        sources.AddRange(roots.SelectMany(AncestorsOf).Select(folder => new RuleSource(Path.Combine(folder, QoderFolder, RulesFolder), folder, RuleScope.Project, 1)));
        sources.AddRange(roots.Select(root => new RuleSource(Path.Combine(root, QoderFolder, RulesFolder), root, RuleScope.Project, 1)));
        return sources;
    }

    /// <summary>One source per folder (a root inside another root, or the home folder opened as a project); the first wins.</summary>
    private static List<RuleSource> Deduplicate(List<RuleSource> sources) =>
        [.. sources.DistinctBy(source => source.RulesDirectory, StringComparer.Ordinal).OrderBy(source => source.Depth)];

    private static int Depth(string folder, IReadOnlyList<string> roots) =>
        RootOf(folder, roots) is { } root
            ? Path.GetRelativePath(root, folder).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Length
            : 0;

    private List<RuleFile> LoadRules(List<RuleSource> sources)
    {
        var rules = new List<RuleFile>();
        foreach (var source in sources)
        {
            foreach (var path in _fileSystem.EnumerateFiles(source.RulesDirectory, "*.md", recursive: true))
            {
                if (_rules.Get(path) is not { } parsed)
                {
                    continue;
                }

                var name = Path.ChangeExtension(Path.GetRelativePath(source.RulesDirectory, path), null).Replace(Path.DirectorySeparatorChar, '/');
                var info = new RuleInfo(name, path, source.Scope, parsed.Trigger, parsed.Description, [.. parsed.Globs.Select(glob => glob.Text)])
                {
                    Directory = source.BaseDirectory,
                    Problem = parsed.Problem,
                };
                rules.Add(new RuleFile(info, parsed, source));
            }
        }

        return rules;
    }

    private static IEnumerable<RuleFile> FindByNameOrPath(List<RuleFile> rules, string name) =>
        rules.Where(rule => string.Equals(rule.Info.Name, name, StringComparison.Ordinal) || string.Equals(rule.Info.Path, name, StringComparison.Ordinal));

    /// <summary>The rules named with <c>@rule</c>, by path; every rule of that name (user and project alike) is brought in.</summary>
    private Dictionary<string, RuleFile> ResolveManual(IReadOnlyCollection<string> names, List<RuleFile> visible, IReadOnlyList<string> roots, List<string> notes)
    {
        var requested = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        List<RuleFile>? everything = null;
        foreach (var raw in names)
        {
            var name = raw?.Trim() ?? "";
            if (name.Length == 0)
            {
                continue;
            }

            var matches = FindByNameOrPath(visible, name).ToList();
            if (matches.Count == 0)
            {
                // A rule of a nested folder that no context file reaches can still be named explicitly.
                everything ??= LoadRules(AllSources(roots));
                matches = [.. FindByNameOrPath(everything, name)];
            }

            if (matches.Count == 0)
            {
                notes.Add($"No rule named '{name}' was found; it was not included.");
            }

            foreach (var match in matches)
            {
                requested.TryAdd(match.Info.Path, match);
            }
        }

        return requested;
    }

    private static bool MatchesAny(RuleFile rule, List<string> contextFiles, IReadOnlyList<string> roots)
    {
        foreach (var file in contextFiles)
        {
            // Project globs are relative to the folder holding .qoder/; user globs to the file's project root.
            var baseDirectory = rule.Source.BaseDirectory ?? RootOf(file, roots);
            if (baseDirectory is null || !IsUnder(file, baseDirectory))
            {
                continue;
            }

            var relative = Path.GetRelativePath(baseDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rule.Parsed.Globs.Any(glob => glob.IsMatch(relative)))
            {
                return true;
            }
        }

        return false;
    }

    private static PromptSection RuleSection(RuleFile rule, SectionTier tier) =>
        new($"Rule {rule.Info.Name} ({rule.Info.Path})", rule.Parsed.Body, tier, rule.Info.Name);

    private static PromptSection ModelDecisionSection(List<RuleFile> rules)
    {
        var ambiguous = rules.GroupBy(rule => rule.Info.Name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder("These rules apply only in some situations. When one is relevant to the task, read it with the read_rule tool (argument: the name) before acting on it.\n");
        foreach (var rule in rules)
        {
            var name = ambiguous.Contains(rule.Info.Name) ? rule.Info.Path : rule.Info.Name;
            text.Append("- ").Append(name).Append(" — ").Append(OneLine(rule.Parsed.Description!)).Append(" (read with the read_rule tool)\n");
        }

        return new PromptSection("Rules the model may read when relevant", text.ToString().TrimEnd(), SectionTier.ModelDecisionList, null);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()));

    internal static readonly string Header =
        "# Rules and project instructions\n\n" +
        "From the user's AGENTS.md files and .qoder/rules. Where they conflict, the rules take precedence over AGENTS.md, " +
        "and a later, more specific section (project over user, a deeper folder over the root) over an earlier one.\n";

    private static RulePrompt Render(List<PromptSection> sections, List<string> notes)
    {
        if (sections.Count == 0)
        {
            return new RulePrompt("", [], notes);
        }

        var rendered = sections.Select(section => section.Render()).ToList();
        var total = Header.Length + rendered.Sum(text => text.Length);
        var kept = sections.Select((section, i) => (Section: section, Text: (string?)rendered[i])).ToList();
        var truncationNotes = new List<string>();
        if (total > MaxPromptCharacters)
        {
            var budget = MaxPromptCharacters - Header.Length - NoteReserve;
            // Highest priority first: lower tier, then the later (more specific) section of a tier.
            var byPriority = Enumerable.Range(0, sections.Count).OrderBy(i => sections[i].Tier).ThenByDescending(i => i).ToList();
            foreach (var i in byPriority)
            {
                var section = sections[i];
                var full = rendered[i];
                if (full.Length <= budget)
                {
                    budget -= full.Length;
                    continue;
                }

                var shortened = section.RenderTruncated(budget);
                if (budget >= MinimumTruncatedSection && shortened.Text.Length <= budget)
                {
                    kept[i] = (section, shortened.Text);
                    truncationNotes.Add($"{section.Title} was truncated to {shortened.BodyKept:N0} of {section.Body.Length:N0} characters");
                    budget -= shortened.Text.Length;
                }
                else
                {
                    kept[i] = (section, null);
                    truncationNotes.Add($"{section.Title} was left out");
                }
            }
        }

        var text = new StringBuilder(Header);
        foreach (var (_, sectionText) in kept)
        {
            text.Append(sectionText);
        }

        if (truncationNotes.Count > 0)
        {
            var note = $"The rules exceed the {MaxPromptCharacters:N0}-character limit, so the lowest-priority parts were cut: {string.Join("; ", truncationNotes)}.";
            notes.Add(note);
            var line = $"\nNote: {note}";
            text.Append(line.Length <= NoteReserve ? line : line[..(NoteReserve - 2)] + "…").Append('\n');
        }

        var included = kept.Where(entry => entry.Text is not null && entry.Section.IncludedName is not null).Select(entry => entry.Section.IncludedName!).ToList();
        return new RulePrompt(text.ToString(), included, notes);
    }

    /// <summary>
    /// The folders below the roots that hold <c>.qoder/rules</c>. The walk is the one costly step (about 20 ms per
    /// 1,000 folders), so its result is kept: a changed <c>.qoder</c> path reported by the client forgets it (the next
    /// call walks again), and after <see cref="DiscoveryLifetime"/> the stale result is still answered while one walk
    /// refreshes it in the background, so @-completion never waits for it after the first time.
    /// </summary>
    private IReadOnlyList<string> DiscoverNested(IReadOnlyList<string> roots)
    {
        var key = string.Join('\n', roots);
        long generation;
        lock (_discoveryLock)
        {
            generation = _discoveryGeneration;
            if (_discovery is { } cached && cached.Key == key)
            {
                if (_time.GetUtcNow() - cached.At >= DiscoveryLifetime && _discoveryRefresh is null)
                {
                    _discoveryRefresh = Task.Run(() =>
                    {
                        try
                        {
                            Discover(roots, key, generation);
                        }
                        finally
                        {
                            lock (_discoveryLock)
                            {
                                _discoveryRefresh = null;
                            }
                        }
                    });
                }

                return cached.Folders;
            }
        }

        return Discover(roots, key, generation);
    }

    private List<string> Discover(IReadOnlyList<string> roots, string key, long generation)
    {
        var startedAt = _time.GetUtcNow();
        var found = new List<string>();
        var queue = new Queue<string>(roots);
        var visited = 0;
        while (queue.Count > 0 && visited < MaxDiscoveredFolders)
        {
            var folder = queue.Dequeue();
            visited++;
            foreach (var child in _fileSystem.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(child);
                if (name == QoderFolder)
                {
                    if (!roots.Contains(folder, StringComparer.Ordinal) && _fileSystem.DirectoryExists(Path.Combine(child, RulesFolder)))
                    {
                        found.Add(folder);
                    }
                }
                else if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                {
                    queue.Enqueue(child);
                }
            }
        }

        lock (_discoveryLock)
        {
            // A change reported while this walk ran may not be in it; keep the slate clean for the next call.
            if (generation == _discoveryGeneration)
            {
                _discovery = new Discovery(key, startedAt, found);
            }
        }

        return found;
    }

    private sealed record Discovery(string Key, DateTimeOffset At, IReadOnlyList<string> Folders);
}
