using Microsoft.Extensions.Logging;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Context.Commands;
using Qoder.Lsp.Context.Rules;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Core.Work;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.CSharp.Definitions;
using Qoder.Lsp.Core.Workspace;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Client;
using Qoder.Lsp.Server.Configuration;
using Qoder.Lsp.Server.Handlers;
using Qoder.Lsp.Server.Handlers.Database;
using Qoder.Lsp.Server.Handlers.Indexing;
using Qoder.Lsp.Server.Handlers.Chat;
using Qoder.Lsp.Server.Handlers.Memory;
using Qoder.Lsp.Server.Handlers.Commands;
using Qoder.Lsp.Server.Handlers.NextEdit;
using Qoder.Lsp.Server.Handlers.Rules;
using Qoder.Lsp.Server.Lifecycle;
using Qoder.Lsp.Server.Rpc;
using Qoder.Lsp.Server.Status;
using StreamJsonRpc;

namespace Qoder.Lsp.Server;

/// <summary>
/// One client connection: the composition root that wires transport, lifecycle, documents,
/// settings, models and the handlers. A TCP or pipe listener creates one per connection.
/// </summary>
internal sealed class LanguageServer : System.IAsyncDisposable
{
    /// <summary>Longest a completion waits for definitions (Roslyn in C#, the index elsewhere); warm C# lookups take about a millisecond.</summary>
    private static readonly TimeSpan DefinitionBudget = TimeSpan.FromMilliseconds(50);

    private readonly LspMessageHandler _messageHandler;
    private readonly LspJsonRpc _rpc;
    private readonly List<ILspHandler> _handlers = [];
    private readonly ServerOptions _options;

    /// <summary>Work that only serves later requests (context lookups between keystrokes), below normal priority.</summary>
    private readonly LowPriorityScheduler _background = new("Qoder background work");

    /// <summary>
    /// One for the process, whose collector it is: every session (a TCP server has one per connection) shares what it
    /// learned of the budget, and none mistakes another session's collections for the runtime's.
    /// </summary>
    private static readonly IdleGarbageCollector IdleCollector = new(new RuntimeGarbageCollector());

    public LanguageServer(Stream input, Stream output, ServerOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Qoder.Lsp.Server");
        Configuration = new ConfigurationService(options, Workspace, loggerFactory);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = JsonOptions.Create() };
        _messageHandler = new LspMessageHandler(input, output, formatter, options.MaxMessageBytes, Logger);
        _rpc = new LspJsonRpc(_messageHandler, Lifecycle, Logger, text => Configuration.Redact(text))
        {
            // Notifications are applied in arrival order; requests run concurrently after their first await.
            SynchronizationContext = new ArrivalOrderSynchronizationContext(),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        _rpc.Disconnected += (_, e) =>
        {
            Logger.LogInformation("Connection closed: {Reason}", e.Reason);
            Lifecycle.ConnectionLost();
        };
        Client = new LspClient(_rpc, options, Progress, Logger);
        Status = new StatusService(Configuration, Client, loggerFactory.CreateLogger("Qoder.Lsp.Status"), () => Indexing is null ? null : IndexingConversions.ToIndexingStatus(Indexing.Service.GetStatus()));
        RecentFiles = new RecentFilesTracker(options.TimeProvider, DocumentUris.TryGetLocalPath);
        CSharp = new CSharpWorkspace([], Documents, loggerFactory.CreateLogger("Qoder.Lsp.CSharp"), options.TimeProvider);
        CSharpDefinitions = new CSharpDefinitionFinder(CSharp, options.TimeProvider, DefinitionBudget);
        Workspace.Changed += (_, _) => CSharp.SetFolders(Workspace.Roots.Select(root => root.LocalPath).OfType<string>());
        WatchedFilesChanged += (_, paths) => CSharp.OnFilesChanged(paths);
        Completion = CreateCompletionService(new CompletionPipeline());
        Documents.DocumentChanged += RecentFiles.OnDocumentChanged;
        Documents.DocumentChanged += (_, e) =>
        {
            if (e.NewDocument is null)
            {
                Completion.OnDocumentClosed(e.Uri);
            }
            else if (e.OldDocument is not null)
            {
                Completion.OnDocumentChanged(e.Uri);
            }
        };

        AddHandler(new InitializeHandler(this));
        AddHandler(new InitializedHandler(this));
        AddHandler(new ShutdownHandler(this));
        AddHandler(new ExitHandler(this));
        AddHandler(new DidOpenHandler(this));
        AddHandler(new DidChangeHandler(this));
        AddHandler(new DidCloseHandler(this));
        AddHandler(new DidSaveHandler(this));
        AddHandler(new DidChangeWorkspaceFoldersHandler(this));
        AddHandler(new DidChangeConfigurationHandler(this));
        AddHandler(new DidChangeWatchedFilesHandler(this));
        AddHandler(new WorkDoneProgressCancelHandler(this));
        AddHandler(new SetTraceHandler());
        AddHandler(new StatusHandler(this));
        AddHandler(new InlineCompletionHandler(this));
        AddHandler(new DidShowCompletionHandler(this));
        AddHandler(new DidPartiallyAcceptCompletionHandler(this));
        AddHandler(new ExecuteCommandHandler(this));
        NextEdit = new NextEditService(Documents, CSharp, () => Configuration.Current.Settings.NextEdit, options.TimeProvider, NextEditModel,
            new global::Qoder.Lsp.Server.NextEdit.IndexExportSource(() => Indexing?.Service, Documents, DefinitionBudget));
        AddHandler(new NextEditHandler(this));
        AddHandler(new DidShowNextEditHandler(this));
        Databases = new DatabaseFeature(this);
        AddHandler(new DatabaseListHandler(this));
        AddHandler(new DatabaseRegisterHandler(this));
        AddHandler(new DatabaseSchemaHandler(this));
        AddHandler(new DatabaseRefreshHandler(this));
        AddHandler(new DatabaseExecuteHandler(this));
        AddHandler(new DatabaseGenerateSqlHandler(this));
        Indexing = new IndexingFeature(this, options.HomeDirectory is { } indexHome ? Path.Combine(indexHome, ".cache", "qoder-lsp") : null);
        AddHandler(new SearchHandler(this));
        AddHandler(new IndexStatusHandler(this));
        AddHandler(new IndexRebuildHandler(this));
        AddHandler(new IndexPauseHandler(this));
        AddHandler(new IndexResumeHandler(this));
        Memory = new MemoryFeature(this, options.HomeDirectory, options.TimeProvider);
        AddHandler(new MemoryListHandler(this));
        AddHandler(new MemoryAddHandler(this));
        AddHandler(new MemoryUpdateHandler(this));
        AddHandler(new MemoryDeleteHandler(this));
        AddHandler(new MemoryClearHandler(this));
        var contextFiles = new PhysicalFileSystem(options.HomeDirectory);
        Rules = new RuleCatalog(contextFiles, () => [.. Workspace.Roots.Select(root => root.LocalPath).OfType<string>()], options.TimeProvider);
        Commands = new CommandCatalog(contextFiles, () => [.. Workspace.Roots.Select(root => root.LocalPath).OfType<string>()]);
        WatchedFilesChanged += (_, paths) => Rules.OnFilesChanged(paths);
        AddHandler(new RulesListHandler(this));
        AddHandler(new CommandsListHandler(this));
        Chat = new ChatFeature(this, Path.Combine(contextFiles.HomeDirectory ?? ".", ".qoder", "chat.db"), options.TimeProvider);
        AddHandler(new ChatTurnHandler(this));
        AddHandler(new ChatSessionsHandler(this));
        AddHandler(new ChatSessionHandler(this));
        AddHandler(new ChatDeleteSessionHandler(this));
        AddHandler(new ChatRenameSessionHandler(this));
        AddHandler(new InlineChatHandler(this));
        WorkspaceFiles = new WorkspaceFileList(() => [.. Workspace.Roots.Select(root => root.LocalPath).OfType<string>()], options.TimeProvider);
        Workspace.Changed += (_, _) => WorkspaceFiles.Invalidate();
        WatchedFilesChanged += (_, _) => WorkspaceFiles.Invalidate();
        AddHandler(new ContextSearchHandler(this));
    }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public ServerLifecycle Lifecycle { get; } = new();

    public DocumentStore Documents { get; } = new();

    public WorkspaceFolders Workspace { get; } = new();

    public ProgressRegistry Progress { get; } = new();

    public LspClient Client { get; }

    public ConfigurationService Configuration { get; }

    public StatusService Status { get; }

    /// <summary>Inline completion; tests may replace it (e.g. with a fake pipeline) before <see cref="Start"/>.</summary>
    public InlineCompletionService Completion { get; set; }

    /// <summary>Recently viewed and edited documents, the candidates for completion context snippets.</summary>
    public RecentFilesTracker RecentFiles { get; }

    /// <summary>Ranks <see cref="RecentFiles"/> windows by similarity to the code at the cursor.</summary>
    public SnippetRanker Snippets { get; } = new();

    /// <summary>Database connections, schema introspection and guarded SQL execution (qoder/database/*).</summary>
    public DatabaseFeature Databases { get; }

    /// <summary>The codebase index: lexical, symbol and semantic search over the workspace folders (qoder/search, qoder/index/*).</summary>
    public IndexingFeature Indexing { get; }

    /// <summary>Long-term memories in ~/.qoder/memory.db, relevance selection and automatic learning (qoder/memory/*).</summary>
    public MemoryFeature Memory { get; }

    /// <summary>Chat turns, sessions and inline chat (qoder/chat/*, qoder/inlineChat).</summary>
    public ChatFeature Chat { get; }

    /// <summary>The workspace's files for @-completion, walked once and kept until files are added or removed.</summary>
    public WorkspaceFileList WorkspaceFiles { get; }

    /// <summary>Rules and AGENTS.md for chat prompts (qoder/rules/list); reads the disk on each call, parsed files cached by mtime and size.</summary>
    public RuleCatalog Rules { get; }

    /// <summary>Slash commands: built-ins and .qoder/commands (qoder/commands/list); reads the disk on each call.</summary>
    public CommandCatalog Commands { get; }

    /// <summary>NEXT edit suggestions: the edit history and the deterministic predictors (qoder/nextEdit).</summary>
    public NextEditService NextEdit { get; }

    /// <summary>The workspace's C# projects in Roslyn (no MSBuild); loads on the first C# completion.</summary>
    public CSharpWorkspace CSharp { get; }

    /// <summary>Definitions of the symbols near a C# cursor, for completion prompts.</summary>
    public CSharpDefinitionFinder CSharpDefinitions { get; }

    /// <summary>Number of incoming frames answered with a parse/invalid-request error.</summary>
    public int RejectedMessages => _messageHandler.RejectedMessages;

    public IReadOnlyList<string> QoderMethodNames =>
        [.. _handlers.Select(handler => handler.Method).Where(method => method.StartsWith("qoder/", StringComparison.Ordinal)).Append(QoderMethods.Confirm).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Raised for files the client reports as changed on disk (indexing listens here).</summary>
    public event EventHandler<IReadOnlyList<string>>? WatchedFilesChanged;

    /// <summary>Adds a handler; only before <see cref="Start"/>. Feature modules and tests register theirs here.</summary>
    public void AddHandler(ILspHandler handler) => _handlers.Add(handler);

    public void Start()
    {
        foreach (var handler in _handlers)
        {
            handler.Register(_rpc);
        }

        _rpc.StartListening();
    }

    /// <summary>Serves until <c>exit</c> or the connection is lost; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        Start();
        var code = await Lifecycle.Exited.ConfigureAwait(false);
        return code;
    }

    /// <summary>The inline completion engine over this session's models, settings and clock.</summary>
    public InlineCompletionService CreateCompletionService(ICompletionPipeline pipeline)
    {
        // Young-generation collections move into the gaps between keystrokes.
        var activity = new CompletionActivity(_options.TimeProvider, whenQuiet: () => IdleCollector.CollectIfDue(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
        var context = new CompletionContextSource(
            new RecentFilesContextSource(RecentFiles, Snippets), CSharp, CSharpDefinitions, new IndexDefinitionSource(() => Indexing.Service, DefinitionBudget), activity, _background, _options.TimeProvider);
        return new(() => Configuration.Models, pipeline, () => Configuration.Current.Settings.Completion, _options.TimeProvider, context, activity, _background);
    }

    /// <summary>
    /// The model of model-based next edit predictions: only an explicitly configured <c>models.roles.nextEdit</c>, since
    /// every pause after an edit would otherwise cost a call to the chat model.
    /// </summary>
    private Microsoft.Extensions.AI.IChatClient? NextEditModel()
    {
        if (!Configuration.Current.Settings.Models.Roles.ContainsKey(Core.Models.ModelRoles.ToConfigName(Core.Models.ModelRole.NextEdit)))
        {
            return null;
        }

        try
        {
            return Configuration.Models.GetChatClient(Core.Models.ModelRole.NextEdit);
        }
        catch (Core.Models.ModelNotConfiguredException)
        {
            return null;
        }
    }

    internal void WatchClientProcess(int processId)
    {
        if (_options.WatchParentProcess)
        {
            ParentProcessWatcher.Start(processId, _options.ParentProcessPollInterval, _options.TimeProvider, Lifecycle.ConnectionLost, Logger, Lifecycle.ShutdownToken);
        }
    }

    internal async Task OnInitializedAsync()
    {
        Indexing.OnInitialized();
        try
        {
            await PullClientConfigurationAsync().ConfigureAwait(false);
            if (Client.SupportsWatchedFilesRegistration)
            {
                await Client.RegisterCapabilityAsync(
                    new Registration("qoder-settings-files", LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesRegistrationOptions([
                        new Protocol.FileSystemWatcher("**/.qoder/**", 7),
                        new Protocol.FileSystemWatcher("**/AGENTS*.md", 7),
                        new Protocol.FileSystemWatcher("**/.mcp.json", 7),
                        new Protocol.FileSystemWatcher("**/*.{cs,csproj}", 7),
                        new Protocol.FileSystemWatcher("**/{Directory.Build.props,project.assets.json}", 7),
                    ])),
                    Lifecycle.ShutdownToken).ConfigureAwait(false);
            }

            Configuration.StartWatchingFiles();
            await Status.RefreshAsync(probe: true, Lifecycle.ShutdownToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Post-initialize setup failed");
        }
    }

    internal async Task PullClientConfigurationAsync()
    {
        var answer = await Client.GetConfigurationAsync([new ConfigurationItem { Section = "qoder" }], Lifecycle.ShutdownToken).ConfigureAwait(false);
        if (answer is { Count: > 0 } && answer[0] is { } section)
        {
            Configuration.SetClientSettings(section);
        }
    }

    internal void OnWatchedFilesChanged(IReadOnlyList<string> paths) => WatchedFilesChanged?.Invoke(this, paths);

    public async ValueTask DisposeAsync()
    {
        Lifecycle.ConnectionLost();
        _rpc.Dispose();
        try
        {
            // A read blocked on stdin cannot be cancelled on every OS, so the wait for the read loop is bounded.
            await _rpc.Completion.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Logger.LogDebug("The transport's read loop did not stop in time; leaving it to process exit");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.LogDebug("Connection ended with {Message}", ex.Message);
        }

        Configuration.Dispose();
        CSharp.Dispose();
        NextEdit.Dispose();
        await Indexing.DisposeAsync().ConfigureAwait(false);
        Memory.Dispose();
        _background.Dispose();
    }
}
