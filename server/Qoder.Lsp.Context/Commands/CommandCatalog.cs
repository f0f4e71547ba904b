using System.Text.RegularExpressions;
using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Context.Commands;

/// <summary>
/// Slash commands: the built-ins plus Markdown files under <c>&lt;root&gt;/.qoder/commands/</c> (project) and
/// <c>~/.qoder/commands/</c> (user), as user-guide-commands.md and en-cli-command.md specify: subfolders are
/// namespaces (<c>git/commit.md</c> → <c>/git:commit</c>), a folder holding <c>SKILL.md</c> is one command, each name
/// segment uses only lowercase letters, digits, <c>-</c> and <c>_</c>, and a project command wins over a user command
/// of the same name (both are listed, marked). Files that break the rules are reported by <see cref="ListProblems"/>,
/// never thrown. The directories are scanned on every call and parsed files cached on (path, mtime, size), so
/// added, edited and deleted commands show up on the next call. Thread-safe.
/// </summary>
public sealed partial class CommandCatalog
{
    /// <summary>The placeholder replaced by the text after the command; without it that text is appended.</summary>
    public const string ArgumentsPlaceholder = "$ARGUMENTS";

    /// <summary>The docs recommend names under 100 characters; longer ones work but are reported.</summary>
    public const int RecommendedMaxNameLength = 100;

    private const string SkillFileName = "SKILL.md";

    private readonly IFileSystem _fileSystem;
    private readonly Func<IReadOnlyList<string>> _workspaceRoots;
    private readonly StampedFileCache<ParsedCommand> _cache;

    public CommandCatalog(IFileSystem fs, Func<IReadOnlyList<string>> workspaceRoots)
    {
        _fileSystem = fs;
        _workspaceRoots = workspaceRoots;
        _cache = new StampedFileCache<ParsedCommand>(fs, ParsedCommand.Parse, ParsedCommand.Unreadable);
    }

    /// <summary>Built-ins first, then the custom commands by name (the winning scope first).</summary>
    public IReadOnlyList<CommandInfo> List() => Scan().Commands;

    /// <summary>Command files that are not usable (bad name, broken frontmatter, empty body), each with its path and reason.</summary>
    public IReadOnlyList<string> ListProblems() => Scan().Problems;

    /// <summary>The command a message invokes, or null when it does not start with a known <c>/name</c> (send it as typed).</summary>
    public CommandInvocation? Parse(string message)
    {
        if (SplitCommand(message) is not { } split)
        {
            return null;
        }

        var (name, arguments) = split;

        var command = Scan().Commands.FirstOrDefault(candidate => !candidate.IsOverridden && candidate.Name == name);
        if (command is null)
        {
            return null;
        }

        if (command.IsBuiltin)
        {
            return new CommandInvocation(command, arguments, null);
        }

        var parsed = _cache.Get(command.SourcePath!);
        if (parsed is null || parsed.Problem is not null)
        {
            // Deleted or broken between the scan and now: treat it as unknown rather than send a stale body.
            return null;
        }

        return new CommandInvocation(command, arguments, Expand(parsed.Body, arguments));
    }

    /// <summary>True when the message starts with something shaped like a command (<c>/word</c>, <c>/ns:word</c>) that is not one, so the client can hint.</summary>
    public bool IsUnknownCommand(string message) =>
        SplitCommand(message) is { } split && !Scan().Commands.Any(command => command.Name == split.Name);

    private static string Expand(string body, string arguments)
    {
        if (body.Contains(ArgumentsPlaceholder, StringComparison.Ordinal))
        {
            return body.Replace(ArgumentsPlaceholder, arguments, StringComparison.Ordinal);
        }

        return arguments.Length == 0 ? body : $"{body}\n\n{arguments}";
    }

    private static (string Name, string Arguments)? SplitCommand(string message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var match = CommandPrefix().Match(message);
        return match.Success ? (match.Groups["name"].Value, message[match.Length..].Trim()) : null;
    }

    private (IReadOnlyList<CommandInfo> Commands, IReadOnlyList<string> Problems) Scan()
    {
        var problems = new List<string>();
        var found = new List<CommandInfo>();
        foreach (var root in _workspaceRoots().Where(root => !string.IsNullOrWhiteSpace(root)).Distinct(StringComparer.Ordinal))
        {
            ScanFolder(Path.Combine(root, ".qoder", "commands"), CommandScope.Project, found, problems);
        }

        if (_fileSystem.HomeDirectory is { } home)
        {
            ScanFolder(Path.Combine(home, ".qoder", "commands"), CommandScope.User, found, problems);
        }

        var commands = new List<CommandInfo>(BuiltinCommands.All);
        var taken = commands.Select(command => command.Name).ToHashSet(StringComparer.Ordinal);
        var scopesByName = found.GroupBy(command => command.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(command => command.Scope).Distinct().Count(), StringComparer.Ordinal);
        foreach (var command in found)
        {
            var overridden = !taken.Add(command.Name);
            if (overridden && BuiltinCommands.All.Any(builtin => builtin.Name == command.Name))
            {
                problems.Add($"{command.SourcePath}: /{command.Name} is a built-in command; this file is ignored");
            }

            commands.Add(command with
            {
                IsOverridden = overridden,
                HasSameNameInOtherScope = scopesByName[command.Name] > 1,
            });
        }

        var builtins = commands.Take(BuiltinCommands.All.Count);
        var custom = commands.Skip(BuiltinCommands.All.Count).OrderBy(command => command.Name, StringComparer.Ordinal).ThenBy(command => command.IsOverridden);
        return ([.. builtins.Concat(custom)], problems);
    }

    private void ScanFolder(string folder, CommandScope scope, List<CommandInfo> found, List<string> problems)
    {
        var files = _fileSystem.EnumerateFiles(folder, "*.md", recursive: true).ToList();
        var relativeFiles = files.Select(path => (Path: path, Relative: Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))).ToList();
        // A folder with SKILL.md is one command; the other Markdown files under it belong to the skill.
        var skillFolders = relativeFiles
            .Where(file => Path.GetFileName(file.Relative) == SkillFileName && file.Relative.Contains('/', StringComparison.Ordinal))
            .Select(file => file.Relative[..file.Relative.LastIndexOf('/')])
            .ToList();

        foreach (var (path, relative) in relativeFiles)
        {
            string name;
            var isSkill = Path.GetFileName(relative) == SkillFileName && relative.Contains('/', StringComparison.Ordinal);
            if (isSkill)
            {
                name = relative[..relative.LastIndexOf('/')].Replace('/', ':');
            }
            else if (skillFolders.Any(skill => relative.StartsWith(skill + "/", StringComparison.Ordinal)))
            {
                continue;
            }
            else
            {
                name = relative[..^".md".Length].Replace('/', ':');
            }

            var badSegment = name.Split(':').FirstOrDefault(segment => !NameSegment().IsMatch(segment));
            if (badSegment is not null)
            {
                problems.Add($"{path}: '{badSegment}' is not a valid command name; use only lowercase letters, digits, '-' and '_'");
                continue;
            }

            if (_cache.Get(path) is not { } parsed)
            {
                continue;
            }

            if (parsed.Problem is { } problem)
            {
                problems.Add($"{path}: {problem}");
                continue;
            }

            var warning = parsed.Warning;
            if (name.Length > RecommendedMaxNameLength)
            {
                warning = string.Join("; ", new[] { warning, $"the name is longer than the recommended {RecommendedMaxNameLength} characters" }.OfType<string>());
            }

            found.Add(new CommandInfo(name, parsed.Description, scope, path) { Label = parsed.Label ?? name, Warning = warning });
        }
    }

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameSegment();

    /// <summary><c>/name</c> or <c>/ns:name</c> followed by whitespace or the end; a path such as <c>/usr/bin</c> is not a command.</summary>
    [GeneratedRegex(@"^\s*/(?<name>[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*)(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex CommandPrefix();
}
