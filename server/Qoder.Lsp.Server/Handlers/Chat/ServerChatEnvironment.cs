using System.Globalization;
using System.Text;
using Qoder.Lsp.Chat;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Database.Rendering;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;
using Qoder.Lsp.Indexing.Walking;

namespace Qoder.Lsp.Server.Handlers.Chat;

/// <summary>
/// What chat reads, over this session's stores: open documents' live text before the disk, rules and commands from
/// <c>.qoder/</c>, long-term memory, the codebase index and database schemas. Secret-bearing files are refused here,
/// so no path into a prompt bypasses the check.
/// </summary>
internal sealed class ServerChatEnvironment(LanguageServer server) : IChatEnvironment
{
    /// <summary>Larger files are refused instead of read: they would be trimmed to a fraction anyway.</summary>
    private const long MaxFileBytes = 8 * 1024 * 1024;

    public IReadOnlyList<string> WorkspaceRoots => [.. server.Workspace.Roots.Select(root => root.LocalPath).OfType<string>()];

    public IReadOnlyList<string> DatabaseNames => [.. server.Databases.Service.List().Select(database => database.Definition.Name)];

    private string? ProjectRoot => WorkspaceRoots.Count > 0 ? WorkspaceRoots[0] : null;

    public string ReadFile(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        string text;
        if (server.Documents.TryGet(DocumentUris.ToFileUri(full), out var open))
        {
            text = open.Text;
        }
        else
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                throw new ChatRequestException($"Cannot read '{path}': there is no such file.");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new ChatRequestException($"'{name}' is {info.Length / (1024 * 1024)} MB; files over {MaxFileBytes / (1024 * 1024)} MB are not sent to the model. Select the part you need instead.");
            }

            try
            {
                text = File.ReadAllText(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ChatRequestException($"Cannot read '{path}': {ex.Message}");
            }
        }

        return SecretFiles.IsSecret(full, text)
            ? throw new ChatRequestException($"'{name}' holds secrets (keys, passwords or environment values) and is never sent to a model.")
            : text;
    }

    public ReadOnlyMemory<byte> ReadBytes(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ChatRequestException($"Cannot read '{path}': there is no such file.");
        }

        if (info.Length > ContextResolver.MaxAttachmentBytes)
        {
            throw new ChatRequestException($"Attachment '{info.Name}' is {info.Length / (1024.0 * 1024):0.0} MB; the limit is {ContextResolver.MaxAttachmentBytes / (1024 * 1024)} MB.");
        }

        if (SecretFiles.IsSecret(info.FullName, string.Empty))
        {
            throw new ChatRequestException($"'{info.Name}' holds secrets and is never sent to a model.");
        }

        try
        {
            return File.ReadAllBytes(info.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChatRequestException($"Cannot read '{path}': {ex.Message}");
        }
    }

    public IReadOnlyList<string> ListFolder(string path, int maxEntries)
    {
        if (!Directory.Exists(path))
        {
            throw new ChatRequestException($"Cannot list '{path}': there is no such folder.");
        }

        var full = Path.GetFullPath(path);
        var root = WorkspaceRoots.Select(Path.GetFullPath).FirstOrDefault(candidate => DocumentUris.IsUnder(full, candidate)) ?? full;
        var start = Path.GetRelativePath(root, full) is var relative && relative == "." ? string.Empty : relative.Replace(Path.DirectorySeparatorChar, '/');
        return [.. WorkspaceWalker.Walk(root, new IgnoreRules(root), new IndexingOptions { MaxFiles = maxEntries }, CancellationToken.None, start)
            .Select(file => file.RelativePath)
            .Where(file => !SecretFiles.IsSecret(file, string.Empty))
            .Take(maxEntries)];
    }

    public ChatRules Rules(IReadOnlyCollection<string> contextPaths, IReadOnlyCollection<string> manualRuleNames)
    {
        var prompt = server.Rules.BuildPrompt(contextPaths, manualRuleNames);
        return new ChatRules(prompt.Text, prompt.Notes);
    }

    public string? ReadRule(string name) => server.Rules.ReadRule(name);

    public async Task<IReadOnlyList<string>> MemoriesAsync(string query, CancellationToken cancellationToken) =>
        [.. (await server.Memory.SelectForPromptAsync(query, ProjectRoot, cancellationToken).ConfigureAwait(false)).Select(entry => entry.Content)];

    public string? Remember(string message)
    {
        if (!server.Memory.Settings.Enabled || MemoryCommands.TryParseRemember(message) is not { } request)
        {
            return null;
        }

        // A project memory needs a project; without a workspace folder it is kept globally (as RememberRequest documents).
        var scope = request.Scope == MemoryScope.Project && ProjectRoot is null ? MemoryScope.Global : request.Scope;
        var entry = server.Memory.Store.Add(request.Content, scope, scope == MemoryScope.Project ? ProjectRoot : null);
        return entry.Content;
    }

    public ChatCommand? ParseCommand(string message) =>
        server.Commands.Parse(message) is { } invocation
            ? new ChatCommand(invocation.Command.Name, invocation.Arguments.Trim(), invocation.ExpandedPrompt)
            : null;

    /// <summary>Hybrid search over the workspace index; what is not indexed yet is said, so the model reads files instead.</summary>
    public async Task<string> SearchCodebaseAsync(string query, int maxChars, CancellationToken cancellationToken)
    {
        var index = server.Indexing.Service;
        if (index.State == IndexState.Disabled)
        {
            return "The codebase index is off (indexing.enabled); read files with read_file or list_directory instead.";
        }

        var hits = await index.SearchAsync(new SearchRequest(query, SearchKind.Hybrid, Limit: 12), cancellationToken).ConfigureAwait(false);
        var status = index.GetStatus();
        var text = new StringBuilder();
        if (status.Pending > 0 || status.State == IndexState.WaitingForRequest)
        {
            text.Append(CultureInfo.InvariantCulture, $"(The index is incomplete: {status.Files} files indexed, {status.Pending} pending. Results may miss code.)\n\n");
        }

        if (hits.Count == 0)
        {
            return text.Append("No indexed code matches; read files with read_file or list_directory instead.").ToString();
        }

        var roots = WorkspaceRoots;
        foreach (var hit in hits)
        {
            var root = roots.FirstOrDefault(candidate => DocumentUris.IsUnder(hit.FullPath, candidate));
            var shown = root is null ? hit.FullPath : Path.GetRelativePath(root, hit.FullPath).Replace(Path.DirectorySeparatorChar, '/');
            var block = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"### {shown}:{hit.StartLine + 1}-{hit.EndLine + 1}")
                .Append(hit.Symbol is null ? string.Empty : $" ({hit.SymbolKind} {hit.Symbol})")
                .Append("\n```").Append(FenceLanguages.FromPath(hit.FullPath)).Append('\n').Append(hit.Snippet.TrimEnd('\n')).Append("\n```\n\n");
            if (text.Length + block.Length > maxChars)
            {
                break;
            }

            text.Append(block);
        }

        return text.ToString();
    }

    public async Task<string> DatabaseSchemaAsync(string name, string question, int maxChars, CancellationToken cancellationToken)
    {
        var databases = server.Databases;
        try
        {
            var schema = await databases.Service.GetSchemaAsync(name, new SchemaRequest { Question = question, MaxTokens = maxChars / 4 }, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder(schema.Ddl);
            if (schema.Omitted.Count > 0)
            {
                text.Append("\n-- Not shown (no room): ").AppendJoin(", ", schema.Omitted);
            }

            return text.ToString();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ChatRequestException($"Database '{name}': {databases.Fail(ex).Message}");
        }
    }

}
