using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Logging;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp.Workspace;

namespace Qoder.Lsp.CSharp;

/// <summary>
/// The C# projects of the workspace folders as a live Roslyn <see cref="Solution"/>, built from the csproj files'
/// XML with no MSBuild and no SDK, so it works wherever the self-contained server runs.
/// </summary>
/// <remarks>
/// <para>Loading and disk changes run on one background worker, in order; nothing here blocks a request, which
/// reads <see cref="CurrentSolution"/> (null until the first load finishes) and gets an immutable snapshot.</para>
/// <para>Open documents win over the disk: their text comes from the <see cref="DocumentStore"/>'s snapshots, applied
/// as one incremental change each (so Roslyn re-parses only the edited region), directly in the store's
/// <see cref="DocumentStore.DocumentChanged"/> event because that is cheap and keeps the order of edits. Closing a
/// document goes back to the file on disk.</para>
/// <para>Every swap of the solution happens under one lock, each from the solution it replaces, so no update is lost.</para>
/// </remarks>
public sealed class CSharpWorkspace : IDisposable
{
    private readonly DocumentStore _documents;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    // Created on the first load: composing Roslyn's host services costs ~100 ms and tens of MiB, which sessions that
    // never complete in C# must not pay at startup.
    private readonly Lazy<AdhocWorkspace> _roslyn = new(() => new AdhocWorkspace(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private Solution? _solution;
    private WorkspaceLayout _layout = WorkspaceLayout.Empty;
    private ImmutableDictionary<ProjectLayout, ProjectId> _projectIds = ImmutableDictionary<ProjectLayout, ProjectId>.Empty;
    private readonly Dictionary<string, AppliedText> _openTexts = new(WorkspacePaths.Comparer);

    /// <summary>
    /// Open documents' newest snapshots not yet put into <see cref="_solution"/>: a keystroke only records its snapshot, and
    /// the solution is forked when someone next reads it (<see cref="SolutionWithOpenTexts"/>), so typing pays neither for
    /// a Roslyn fork nor for a string of the whole text per keystroke on the editor's didChange path.
    /// </summary>
    private readonly Dictionary<string, Core.Text.TextDocument> _pendingOpenTexts = new(WorkspacePaths.Comparer);
    private int _openTextUpdates;
    private ImmutableArray<string> _folders;
    private int _reloadGeneration;
    private CancellationTokenSource? _warmUp;
    private Task? _worker;

    public CSharpWorkspace(IEnumerable<string> folderPaths, DocumentStore documents, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(folderPaths);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _folders = [.. folderPaths];
        _documents = documents;
        _logger = logger;
        _time = time;
        _documents.DocumentChanged += OnDocumentChanged;
    }

    /// <summary>The current solution, or null while the first load has not finished. Immutable; take it once per operation.</summary>
    public Solution? CurrentSolution
    {
        get
        {
            lock (_gate)
            {
                return SolutionWithOpenTexts();
            }
        }
    }

    /// <summary>How many times pending open texts were put into the solution; for tests.</summary>
    internal int OpenTextUpdates
    {
        get
        {
            lock (_gate)
            {
                return _openTextUpdates;
            }
        }
    }

    /// <summary>Whether a solution is installed; unlike <see cref="CurrentSolution"/>, leaves pending keystrokes pending.</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_gate)
            {
                return _solution is not null;
            }
        }
    }

    /// <summary>Raised on the worker after each load or reload has installed its solution.</summary>
    public event EventHandler? Loaded;

    /// <summary>Starts loading in the background; call once (after <c>initialized</c>). Later calls do nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_worker is not null || _disposed.IsCancellationRequested)
            {
                return;
            }

            _worker = Task.Run(RunWorkerAsync);
        }

        RequestReload();
    }

    /// <summary>The workspace folders changed: the model is rebuilt from the new set in the background.</summary>
    public void SetFolders(IEnumerable<string> folderPaths)
    {
        ArgumentNullException.ThrowIfNull(folderPaths);
        lock (_gate)
        {
            _folders = [.. folderPaths];
        }

        RequestReload();
    }

    /// <summary>
    /// Files changed on disk (paths or file URIs, e.g. from didChangeWatchedFiles or didSave): .cs files are re-read,
    /// added or removed; a changed csproj, Directory.Build.props or project.assets.json reloads the model.
    /// </summary>
    public void OnFilesChanged(IEnumerable<string> pathsOrUris)
    {
        ArgumentNullException.ThrowIfNull(pathsOrUris);
        var paths = pathsOrUris.Select(WorkspacePaths.TryGetLocalPath).OfType<string>().ToImmutableArray();
        if (paths.IsEmpty)
        {
            return;
        }

        if (paths.Any(WorkspacePaths.IsProjectShapeFile))
        {
            RequestReload();
            return;
        }

        _work.Writer.TryWrite(new WorkItem.FilesChanged(paths));
    }

    /// <summary>
    /// Completes when the work queued before this call (loads, disk changes) is done; for tests and diagnostics. Before
    /// <see cref="Start"/> it waits for the start (or disposal).
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(new WorkItem.Barrier(done)))
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The Roslyn documents for a path or file URI in the current solution (one per project that compiles the file).</summary>
    public ImmutableArray<Document> FindDocuments(string pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        var solution = CurrentSolution;
        if (solution is null || WorkspacePaths.TryGetLocalPath(pathOrUri) is not { } path)
        {
            return [];
        }

        return [.. solution.GetDocumentIdsWithFilePath(path).Select(solution.GetDocument).OfType<Document>()];
    }

    /// <summary>The Roslyn document for a path or file URI in the current solution (the first project's), or null.</summary>
    public Document? FindDocument(string pathOrUri) => FindDocuments(pathOrUri).FirstOrDefault();

    /// <summary>The semantic model of a document of the current solution, or null when it is not in the model (yet).</summary>
    public async Task<SemanticModel?> GetSemanticModelAsync(string pathOrUri, CancellationToken cancellationToken)
    {
        return FindDocument(pathOrUri) is { } document ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// The document for <paramref name="path"/> with exactly <paramref name="text"/>, in a fork of the current solution
    /// (not installed): a request may carry a newer text than the model, or a file the model does not have yet. Null
    /// while nothing is loaded or when the file belongs to no project (e.g. under bin/obj).
    /// </summary>
    internal Document? DocumentWithText(string path, string text)
    {
        Solution? solution;
        AppliedText? applied;
        WorkspaceLayout layout;
        ImmutableDictionary<ProjectLayout, ProjectId> projectIds;
        lock (_gate)
        {
            solution = SolutionWithOpenTexts();
            applied = _openTexts.GetValueOrDefault(path);
            layout = _layout;
            projectIds = _projectIds;
        }

        if (solution is null)
        {
            return null;
        }

        var id = solution.GetDocumentIdsWithFilePath(path).FirstOrDefault();
        if (id is null)
        {
            var project = layout.ProjectsForNewFile(path).Select(project => projectIds.GetValueOrDefault(project)).FirstOrDefault(projectId => projectId is not null);
            if (project is null)
            {
                return null;
            }

            var newId = DocumentId.CreateNewId(project, path);
            return solution.AddDocument(newId, Path.GetFileName(path), SourceText.From(text), filePath: path).GetDocument(newId);
        }

        var document = solution.GetDocument(id)!;
        if (applied is not null && document.TryGetText(out var current) && ReferenceEquals(current, applied.SourceText))
        {
            return ReferenceEquals(applied.Text, text) || string.Equals(applied.Text, text, StringComparison.Ordinal)
                ? document
                : document.WithText(TextDiff.Apply(applied.SourceText, applied.Text, text));
        }

        if (!document.TryGetText(out current))
        {
            return document.WithText(SourceText.From(text));
        }

        // One change against the model's text keeps the re-parse incremental (the common case: a few characters typed).
        var currentText = current.ToString();
        return string.Equals(currentText, text, StringComparison.Ordinal) ? document : document.WithText(TextDiff.Apply(current, currentText, text));
    }

    public void Dispose()
    {
        _documents.DocumentChanged -= OnDocumentChanged;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _warmUp?.Cancel();
        }

        _work.Writer.TryComplete();
        if (_worker is null)
        {
            // Never started: nothing will read the queue, so release whoever waits on it.
            while (_work.Reader.TryRead(out var pending))
            {
                (pending as WorkItem.Barrier)?.Done.TrySetResult();
            }
        }

        if (_roslyn.IsValueCreated)
        {
            _roslyn.Value.Dispose();
        }
    }

    private void RequestReload()
    {
        int generation;
        lock (_gate)
        {
            generation = ++_reloadGeneration;
        }

        _work.Writer.TryWrite(new WorkItem.Reload(generation));
    }

    // Raised under the store's lock: no IO here, only recording the new snapshot (applied on the next read of the solution) and queueing.
    private void OnDocumentChanged(object? sender, DocumentChangedEventArgs e)
    {
        if (WorkspacePaths.TryGetLocalPath(e.Uri) is not { } path || !WorkspacePaths.IsCSharpFile(path))
        {
            return;
        }

        try
        {
            if (e.NewDocument is null)
            {
                lock (_gate)
                {
                    _openTexts.Remove(path);
                    _pendingOpenTexts.Remove(path);
                }

                _work.Writer.TryWrite(new WorkItem.FilesChanged([path]));
                return;
            }

            lock (_gate)
            {
                if (_solution is not null)
                {
                    _pendingOpenTexts[path] = e.NewDocument;
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The store's mutation already happened; a failure here must not surface in the didChange handler.
            _logger.LogWarning(exception, "C# workspace: could not apply the open document's text");
        }
    }

    /// <summary>The current solution with every pending open text applied; caller holds <see cref="_gate"/>.</summary>
    private Solution? SolutionWithOpenTexts()
    {
        if (_solution is not null && _pendingOpenTexts.Count > 0)
        {
            foreach (var (path, document) in _pendingOpenTexts)
            {
                _solution = ApplyOpenText(_solution, path, document.Text);
            }

            _pendingOpenTexts.Clear();
            _openTextUpdates++;
        }

        return _solution;
    }

    /// <summary>Puts an open document's text into <paramref name="solution"/>; caller holds <see cref="_gate"/>.</summary>
    private Solution ApplyOpenText(Solution solution, string path, string text)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        var previous = _openTexts.GetValueOrDefault(path);
        SourceText sourceText;
        if (ids.IsEmpty)
        {
            sourceText = SourceText.From(text);
            foreach (var project in _layout.ProjectsForNewFile(path))
            {
                if (_projectIds.TryGetValue(project, out var projectId) && solution.GetProject(projectId) is not null)
                {
                    solution = solution.AddDocument(SolutionBuilder.CreateDocumentInfo(projectId, path, sourceText));
                }
            }
        }
        else
        {
            var current = solution.GetDocument(ids[0])?.TryGetText(out var existing) == true ? existing : null;
            sourceText = previous is not null && ReferenceEquals(current, previous.SourceText)
                ? TextDiff.Apply(previous.SourceText, previous.Text, text)
                : SourceText.From(text);
            solution = solution.WithDocumentText(ids, sourceText, PreservationMode.PreserveIdentity);
        }

        _openTexts[path] = new AppliedText(text, sourceText);
        return solution;
    }

    private async Task RunWorkerAsync()
    {
        try
        {
            await foreach (var item in _work.Reader.ReadAllAsync(_disposed.Token).ConfigureAwait(false))
            {
                try
                {
                    switch (item)
                    {
                        case WorkItem.Reload reload:
                            Reload(reload.Generation, _disposed.Token);
                            break;
                        case WorkItem.FilesChanged changed:
                            ApplyDiskChanges(changed.Paths, _disposed.Token);
                            break;
                        case WorkItem.Barrier barrier:
                            barrier.Done.TrySetResult();
                            break;
                    }
                }
                catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    _logger.LogWarning(exception, "C# workspace: background update failed; the model keeps its previous state");
                }
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            while (_work.Reader.TryRead(out var pending))
            {
                (pending as WorkItem.Barrier)?.Done.TrySetResult();
            }
        }
    }

    private void Reload(int generation, CancellationToken cancellationToken)
    {
        ImmutableArray<string> folders;
        lock (_gate)
        {
            // A newer reload is queued behind this one; it will do the same work with newer inputs.
            if (generation != _reloadGeneration)
            {
                return;
            }

            folders = _folders;
        }

        var started = _time.GetTimestamp();
        var layout = WorkspaceLayout.Discover(folders, cancellationToken);
        var built = SolutionBuilder.Build(_roslyn.Value, layout, cancellationToken);
        Solution solution;
        lock (_gate)
        {
            _layout = layout;
            _projectIds = built.ProjectIds;
            solution = built.Solution;

            // Edits made while the load ran are in the store; its current snapshots win over what was read from disk.
            _openTexts.Clear();
            _pendingOpenTexts.Clear();
            foreach (var document in _documents.All)
            {
                if (WorkspacePaths.TryGetLocalPath(document.Uri) is { } path && WorkspacePaths.IsCSharpFile(path))
                {
                    solution = ApplyOpenText(solution, path, document.Text);
                }
            }

            _solution = solution;
        }

        var elapsed = _time.GetElapsedTime(started);
        _logger.LogInformation(
            "C# workspace loaded: {Projects} projects, {Documents} documents in {Milliseconds:F0} ms{Truncated}",
            layout.Projects.Count(project => project.ProjectFile is not null), built.DocumentCount, elapsed.TotalMilliseconds,
            built.Truncated ? " (truncated: the workspace is larger than the model's file limits)" : "");
        Loaded?.Invoke(this, EventArgs.Empty);
        StartWarmUp(solution);
    }

    /// <summary>
    /// Builds each project's compilation and declaration table in the background, so the first completion request
    /// finds them cached instead of parsing the whole project inside its time budget. Later solutions fork from these
    /// caches, so the work is not lost when a document changes meanwhile.
    /// </summary>
    private void StartWarmUp(Solution solution)
    {
        CancellationTokenSource warmUp;
        lock (_gate)
        {
            _warmUp?.Cancel();
            _warmUp = warmUp = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        }

        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var project in solution.Projects)
                {
                    var compilation = await project.GetCompilationAsync(warmUp.Token).ConfigureAwait(false);
                    _ = compilation?.Assembly.GlobalNamespace.GetMembers();
                }
            }
            catch (OperationCanceledException)
            {
                // Superseded by a newer load, or disposed.
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _logger.LogDebug(exception, "C# workspace: warm-up failed");
            }
        }, warmUp.Token);
    }

    private void ApplyDiskChanges(ImmutableArray<string> paths, CancellationToken cancellationToken)
    {
        // Read outside the lock; apply under it from whatever solution is current then.
        var reads = new List<(string Path, SourceText? Text, bool IsDirectory)>();
        foreach (var path in paths.Distinct(WorkspacePaths.Comparer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (WorkspacePaths.IsCSharpFile(path) && File.Exists(path))
            {
                reads.Add((path, SolutionBuilder.TryReadText(path), false));
            }
            else if (Directory.Exists(path))
            {
                // A directory appeared (a checkout, a move): its files are new or changed files.
                foreach (var file in CSharpFilesUnder(path).Take(WorkspaceLayout.MaxSourceFiles))
                {
                    reads.Add((file, SolutionBuilder.TryReadText(file), false));
                }
            }
            else if (!File.Exists(path))
            {
                // Deleted: a .cs file, or a directory whose files all went with it.
                reads.Add((path, null, !WorkspacePaths.IsCSharpFile(path)));
            }
        }

        lock (_gate)
        {
            if (SolutionWithOpenTexts() is not { } solution)
            {
                return;
            }

            foreach (var (path, text, isDirectory) in reads)
            {
                if (_openTexts.ContainsKey(path))
                {
                    continue; // The editor's buffer is the truth for an open document.
                }

                var ids = isDirectory
                    ? [.. solution.Projects.SelectMany(project => project.Documents).Where(document => document.FilePath is { } file && WorkspacePaths.IsUnder(file, path) && !_openTexts.ContainsKey(file)).Select(document => document.Id)]
                    : solution.GetDocumentIdsWithFilePath(path);
                if (text is null)
                {
                    solution = solution.RemoveDocuments(ids);
                }
                else if (!ids.IsEmpty)
                {
                    solution = solution.WithDocumentText(ids, text, PreservationMode.PreserveIdentity);
                }
                else if (_layout.Roots.Any(root => WorkspacePaths.IsUnder(path, root)))
                {
                    foreach (var project in _layout.ProjectsForNewFile(path))
                    {
                        if (_projectIds.TryGetValue(project, out var projectId) && solution.GetProject(projectId) is not null)
                        {
                            solution = solution.AddDocument(SolutionBuilder.CreateDocumentInfo(projectId, path, text));
                        }
                    }
                }
            }

            _solution = solution;
        }
    }

    private static IEnumerable<string> CSharpFilesUnder(string directory)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        try
        {
            return [.. Directory.EnumerateFiles(directory, "*.cs", options).Where(file => !WorkspacePaths.IsInSkippedDirectory(file, directory))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private sealed record AppliedText(string Text, SourceText SourceText);

    private abstract record WorkItem
    {
        public sealed record Reload(int Generation) : WorkItem;

        public sealed record FilesChanged(ImmutableArray<string> Paths) : WorkItem;

        public sealed record Barrier(TaskCompletionSource Done) : WorkItem;
    }
}
