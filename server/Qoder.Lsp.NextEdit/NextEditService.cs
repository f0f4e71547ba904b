using System.Globalization;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.NextEdit.Documentation;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.NextEdit.Imports;
using Qoder.Lsp.NextEdit.Model;
using Qoder.Lsp.NextEdit.Rename;
using Qoder.Lsp.NextEdit.Signature;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit;

/// <summary>
/// NEXT edit suggestions for one session: keeps the <see cref="EditHistory"/>, answers a request for a document with
/// the deterministic predictions for its latest edit (rename propagation; for C# also call sites and overrides after a parameter was added or removed, a doc comment skeleton after <c>///</c> and a missing <c>using</c>), and tracks each suggestion from shown to accepted, rejected or
/// ignored. A suggestion that was shown and not answered when the next request for its document arrives counts as
/// rejected, and a rejected rename is not offered again for the same edit.
/// </summary>
public sealed class NextEditService : IDisposable
{
    private readonly DocumentStore _documents;
    private readonly CSharpWorkspace? _csharp;
    private readonly Func<NextEditSettings> _settings;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly CSharpRenameTracker _renames = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    // Issue order of the pending ids, to drop the oldest when items of documents never asked about again pile up.
    private readonly Queue<string> _pendingOrder = new();

    // (step, what was suggested) pairs the user rejected, so the same suggestion for the same edit is not shown again.
    private readonly HashSet<(long Step, string Key)> _rejected = [];
    private long _nextId;
    private (string Uri, PredictionKey Key, IReadOnlyList<NextEditTextEdit> Edits)? _lastPrediction;
    private (string Uri, long Generation, int Version, int CursorLine, IReadOnlyList<NextEditTextEdit> Edits)? _lastModelPrediction;
    private (string Uri, PredictionKey Key, SignatureChangePrediction? Prediction)? _lastSignaturePrediction;
    private int _signaturePredictionRuns;
    private int _predictionRuns;

    /// <summary>The configured next-edit model, or null: then only the deterministic predictors answer.</summary>
    private readonly Func<IChatClient?> _model;

    /// <summary>Workspace modules beyond the open documents that may export a name (the host's index), or null.</summary>
    private readonly IExportedSymbolSource? _exports;

    public NextEditService(DocumentStore documents, CSharpWorkspace? csharp, Func<NextEditSettings> settings, TimeProvider time, Func<IChatClient?>? model = null,
        IExportedSymbolSource? exports = null)
    {
        _model = model ?? (() => null);
        _exports = exports;
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _documents = documents;
        _csharp = csharp;
        _settings = settings;
        _time = time;
        History = new EditHistory(time);
        _subscription = History.Attach(documents);

        // After the history's handler (handlers run in the order they subscribed), so the step includes this change.
        documents.DocumentChanged += TrackRenames;
    }

    /// <summary>Unanswered suggestions kept at most; older ones are forgotten (their answers are then ignored).</summary>
    public const int MaxPending = 256;

    public EditHistory History { get; }

    /// <summary>How many C# renames were looked up from their first keystroke; for tests.</summary>
    internal int RenameLookupsStarted => _renames.Started;

    /// <summary>How many rename predictions were computed rather than reused; for tests.</summary>
    internal int PredictionRuns => Volatile.Read(ref _predictionRuns);

    /// <summary>How many signature-change predictions were computed rather than reused; for tests.</summary>
    internal int SignaturePredictionRuns => Volatile.Read(ref _signaturePredictionRuns);

    /// <summary>Suggestions issued and not answered yet, by id; for tests and diagnostics.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// The suggestions for <paramref name="uri"/>'s latest edit: the current document's first, then one per other
    /// document with a jump to its first edit. Empty when next edit is off for the document, its latest step is not a
    /// rename, or nothing else needs renaming. Throws <see cref="DocumentNotOpenException"/> for a document that is not open.
    /// </summary>
    public async Task<IReadOnlyList<NextEditSuggestion>> SuggestAsync(string uri, CancellationToken cancellationToken) =>
        await SuggestAsync(uri, cursor: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// As <see cref="SuggestAsync(string, CancellationToken)"/>; with the <paramref name="cursor"/> and a next-edit model
    /// configured, the model predicts when no deterministic predictor has a suggestion.
    /// </summary>
    public async Task<IReadOnlyList<NextEditSuggestion>> SuggestAsync(string uri, LinePosition? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        RejectUnanswered(uri);
        if (!_documents.TryGet(uri, out var document))
        {
            throw new DocumentNotOpenException(uri);
        }

        var settings = _settings();
        if (!IsEnabledFor(document, settings)
            || (settings.DisableInComments && cursor is { } position && document.TryGetOffset(position, out var offset)
                && IdentifierTokenizer.IsInComment(document.Text, offset, document.LanguageId)))
        {
            return [];
        }

        var step = History.LastStepOf(document.Uri);
        var csharp = _csharp is not null && IsCSharp(document) ? _csharp : null;
        if (csharp is not null)
        {
            // The workspace loads in the background on first use; until then the token predictor answers.
            csharp.Start();
            if (!csharp.IsLoaded)
            {
                csharp = null;
            }
        }

        var rename = RenameDetector.Detect(step, document);
        if (rename is not null)
        {
            if (IsRejected(rename.Step.Sequence, RenameKey(rename)))
            {
                return [];
            }

            // Clients ask again on every pause and cursor move; while no document and no file on disk changed, the
            // answer is the same, so it is kept (read before the snapshot, so a change meanwhile only causes a recompute).
            var cacheKey = new PredictionKey(History.Generation, rename.Step.Sequence, rename.Version, csharp?.CurrentSolution);
            IReadOnlyList<NextEditTextEdit>? edits = null;
            lock (_gate)
            {
                if (_lastPrediction is { } cached && cached.Uri == document.Uri && cached.Key == cacheKey)
                {
                    edits = cached.Edits;
                }
            }

            if (edits is null)
            {
                Interlocked.Increment(ref _predictionRuns);
                var openDocuments = _documents.All;
                if (csharp is not null)
                {
                    edits = await CSharpRenamePredictor.PredictAsync(
                        rename, csharp, openDocuments, cancellationToken, _renames.TryGet(rename, csharp.CurrentSolution)).ConfigureAwait(false);
                }

                edits ??= TokenRenamePredictor.Predict(rename, document, openDocuments);
                lock (_gate)
                {
                    _lastPrediction = (document.Uri, cacheKey, edits);
                }
            }

            // Nothing else to rename (a new name typed over a fresh parameter, say): the other predictors may still answer.
            if (edits.Count > 0)
            {
                return RegisterRename(document.Uri, rename, edits);
            }
        }

        if (csharp is not null && step is not null
            && await SuggestSignatureChangeAsync(document, step, csharp, cancellationToken).ConfigureAwait(false) is { Count: > 0 } signatureChange)
        {
            return signatureChange;
        }

        if (IsCSharp(document) && step is not null && CSharpDocCommentPredictor.Predict(step, document) is { } skeleton
            && !IsRejected(step.Sequence, DocCommentKey))
        {
            return Register(document.Uri, step.Sequence, [(DocCommentKey, [skeleton], null, "complete the doc comment")]);
        }

        // TypeScript/JavaScript and Java: a JSDoc/Javadoc skeleton after `/**`, then (TS/JS) a missing import.
        if (step is not null && DocBlockCommentPredictor.Predict(step, document) is { } docBlock && !IsRejected(step.Sequence, DocCommentKey))
        {
            return Register(document.Uri, step.Sequence, [(DocCommentKey, [docBlock], null, "complete the doc comment")]);
        }

        if (step is not null && !IsCSharp(document)
            && await TypeScriptMissingImportPredictor.PredictAsync(step, document, _documents.All, _exports, cancellationToken).ConfigureAwait(false) is { Count: > 0 } scriptImports
            && Register(document.Uri, step.Sequence, [.. scriptImports
                .Where(import => !IsRejected(step.Sequence, ImportKey(import)))
                .Select(import => (ImportKey(import), (IReadOnlyList<NextEditTextEdit>)[import.Edit], (NextEditLocation?)null, import.Description))]) is { Count: > 0 } importAdded)
        {
            return importAdded;
        }

        if (csharp is not null && step is not null)
        {
            var imports = await CSharpMissingUsingPredictor.PredictAsync(step, document, csharp, cancellationToken).ConfigureAwait(false);
            return Register(document.Uri, step.Sequence, [.. imports
                .Where(import => !IsRejected(step.Sequence, UsingKey(import.Namespace)))
                .Select(import => (UsingKey(import.Namespace), (IReadOnlyList<NextEditTextEdit>)[import.Edit], (NextEditLocation?)null, $"add using {import.Namespace}"))]) is { Count: > 0 } added
                ? added
                : await PredictWithModelAsync(document, step, cursor, cancellationToken).ConfigureAwait(false);
        }

        return await PredictWithModelAsync(document, step, cursor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<NextEditSuggestion>> PredictWithModelAsync(TextDocument document, EditStep? step, LinePosition? cursor, CancellationToken cancellationToken)
    {
        // Only right after an edit of this document: the model continues what the user is doing, it does not roam.
        if (step is null || cursor is not { } at || _time.GetUtcNow() - step.UpdatedAt > ModelHorizon || _model() is not { } model
            || !document.TryGetOffset(at, out var cursorOffset))
        {
            return [];
        }

        var generation = History.Generation;
        IReadOnlyList<NextEditTextEdit>? edits = null;
        lock (_gate)
        {
            if (_lastModelPrediction is { } cached && cached.Uri == document.Uri && cached.Generation == generation && cached.Version == document.Version && cached.CursorLine == at.Line)
            {
                edits = cached.Edits;
            }
        }

        if (edits is null)
        {
            Interlocked.Increment(ref _predictionRuns);
            edits = await ModelNextEditPredictor.PredictAsync(model, document, cursorOffset, History.Steps, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _lastModelPrediction = (document.Uri, generation, document.Version, at.Line, edits);
            }
        }

        var key = ModelKey(edits);
        return edits.Count == 0 || IsRejected(step.Sequence, key)
            ? []
            : Register(document.Uri, step.Sequence, [(key, edits, null, $"model prediction ({edits.Count} {(edits.Count == 1 ? "edit" : "edits")})")]);
    }

    /// <summary>The client displayed the suggestion; false for an unknown id.</summary>
    public bool OnShown(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_pending.TryGetValue(id, out var pending))
            {
                return false;
            }

            pending.Shown = true;
            return true;
        }
    }

    /// <summary>Records the user's answer to a suggestion and forgets it; false for an unknown (or already answered) id.</summary>
    public bool OnAnswered(string id, SuggestionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(id);
        Pending? pending;
        lock (_gate)
        {
            if (!_pending.Remove(id, out pending))
            {
                return false;
            }

            if (outcome == SuggestionOutcome.Rejected)
            {
                _rejected.Add((pending.StepSequence, pending.Key));
            }
        }

        History.RecordSuggestion(new SuggestionRecord(id, pending.RequestUri, pending.Suggestion.Description, outcome, _time.GetUtcNow()));
        return true;
    }

    public void Dispose()
    {
        _documents.DocumentChanged -= TrackRenames;
        _subscription.Dispose();
        _renames.Dispose();
    }

    /// <summary>Starts resolving a C# rename from its first keystroke, so the request after the user's pause finds it done.</summary>
    private void TrackRenames(object? sender, DocumentChangedEventArgs change)
    {
        if (_csharp is { IsLoaded: true } csharp && change.NewDocument is { } document && IsCSharp(document) && IsEnabledFor(document, _settings()))
        {
            _renames.OnStep(History.LastStepOf(document.Uri), document, csharp);
        }
    }

    internal static bool IsEnabledFor(TextDocument document, NextEditSettings settings)
    {
        return LanguageFilter.Allows(settings.Enabled, settings.DisabledLanguages, settings.DisabledExtensions, document.LanguageId, DocumentUris.TryGetLocalPath(document.Uri) ?? document.Uri);
    }

    private static bool IsCSharp(TextDocument document) =>
        string.Equals(document.LanguageId, "csharp", StringComparison.OrdinalIgnoreCase)
        || document.Uri.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private const string DocCommentKey = "doc";

    /// <summary>How long after the user's last edit the model is asked; later, a prediction would be a guess about nothing.</summary>
    private static readonly TimeSpan ModelHorizon = TimeSpan.FromMinutes(2);

    private static string ModelKey(IReadOnlyList<NextEditTextEdit> edits) =>
        "model:" + string.Join('|', edits.Select(edit => $"{edit.Range.Start.Line}:{edit.Range.Start.Character}-{edit.Range.End.Line}:{edit.Range.End.Character}={edit.NewText}"));

    private static string RenameKey(IdentifierRename rename) => "rename:" + rename.NewName;

    private static string UsingKey(string ns) => "using:" + ns;

    private static string ImportKey(TypeScriptImportSuggestion import) => $"import:{import.Name}:{import.Specifier}";

    private static string SignatureKey(SignatureChange change) => $"signature:{change.MemberName}:{change.NewParameterList}";

    /// <summary>
    /// Call-site and override edits after a parameter was added to or removed from a C# method or constructor; empty
    /// when the latest steps changed no signature, nothing follows it, or the user rejected it. Kept per
    /// (generation, step, version, solution) like renames, since clients ask again on every pause.
    /// </summary>
    private async Task<IReadOnlyList<NextEditSuggestion>> SuggestSignatureChangeAsync(TextDocument document, EditStep step, CSharpWorkspace csharp, CancellationToken cancellationToken)
    {
        var cacheKey = new PredictionKey(History.Generation, step.Sequence, step.Version, csharp.CurrentSolution);
        SignatureChangePrediction? prediction = null;
        var cachedHit = false;
        lock (_gate)
        {
            if (_lastSignaturePrediction is { } cached && cached.Uri == document.Uri && cached.Key == cacheKey)
            {
                (prediction, cachedHit) = (cached.Prediction, true);
            }
        }

        if (!cachedHit)
        {
            Interlocked.Increment(ref _signaturePredictionRuns);
            var recentSteps = History.Steps.Where(candidate => string.Equals(candidate.Uri, document.Uri, StringComparison.Ordinal)).TakeLast(SignatureChangeDetector.MaxSteps).ToList();
            prediction = await CSharpSignatureChangePredictor.PredictAsync(recentSteps, document, csharp, _documents.All, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _lastSignaturePrediction = (document.Uri, cacheKey, prediction);
            }
        }

        if (prediction is null || IsRejected(step.Sequence, SignatureKey(prediction.Change)))
        {
            return [];
        }

        var key = SignatureKey(prediction.Change);
        return Register(document.Uri, step.Sequence, [.. prediction.PerDocument(document.Uri).Select(proposal => (key, proposal.Edits, proposal.Jump, proposal.Description))]);
    }

    /// <summary>One suggestion per document: the requesting document's first, the others with a jump to their first edit.</summary>
    private IReadOnlyList<NextEditSuggestion> RegisterRename(string requestUri, IdentifierRename rename, IReadOnlyList<NextEditTextEdit> edits)
    {
        var perDocument = new List<(string, IReadOnlyList<NextEditTextEdit>, NextEditLocation?, string)>();
        foreach (var group in edits.GroupBy(edit => edit.Uri, StringComparer.Ordinal)
                     .OrderBy(group => string.Equals(group.Key, requestUri, StringComparison.Ordinal) ? 0 : 1))
        {
            var fileEdits = group.OrderBy(edit => edit.Range.Start).ToList();
            var isOtherFile = !string.Equals(group.Key, requestUri, StringComparison.Ordinal);
            var description = $"{rename.Describe()} ({fileEdits.Count} {(fileEdits.Count == 1 ? "edit" : "edits")}{(isOtherFile ? " in " + group.Key : "")})";
            perDocument.Add((RenameKey(rename), fileEdits, isOtherFile ? new NextEditLocation(group.Key, fileEdits[0].Range.Start) : null, description));
        }

        return Register(requestUri, rename.Step.Sequence, perDocument);
    }

    private List<NextEditSuggestion> Register(
        string requestUri, long stepSequence, IReadOnlyList<(string Key, IReadOnlyList<NextEditTextEdit> Edits, NextEditLocation? Jump, string Description)> proposals)
    {
        var suggestions = new List<NextEditSuggestion>();
        lock (_gate)
        {
            foreach (var (key, edits, jump, description) in proposals)
            {
                var id = "ne-" + (++_nextId).ToString(CultureInfo.InvariantCulture);
                var suggestion = new NextEditSuggestion(id, edits, jump, description);
                _pending[id] = new Pending(suggestion, requestUri, stepSequence, key);
                _pendingOrder.Enqueue(id);
                suggestions.Add(suggestion);
            }

            while (_pendingOrder.Count > MaxPending)
            {
                _pending.Remove(_pendingOrder.Dequeue());
            }
        }

        return suggestions;
    }

    private bool IsRejected(long stepSequence, string key)
    {
        lock (_gate)
        {
            return _rejected.Contains((stepSequence, key));
        }
    }

    /// <summary>A new request for a document answers its earlier suggestions: shown ones were rejected, unshown ones are dropped.</summary>
    private void RejectUnanswered(string uri)
    {
        List<string> shown = [];
        lock (_gate)
        {
            foreach (var (id, pending) in _pending.Where(entry => string.Equals(entry.Value.RequestUri, uri, StringComparison.Ordinal)).ToList())
            {
                if (pending.Shown)
                {
                    shown.Add(id);
                }
                else
                {
                    _pending.Remove(id);
                }
            }

            if (_rejected.Count > History.MaxSteps)
            {
                var oldest = History.Steps.Count > 0 ? History.Steps[0].Sequence : 0;
                _rejected.RemoveWhere(entry => entry.Step < oldest);
            }
        }

        foreach (var id in shown)
        {
            OnAnswered(id, SuggestionOutcome.Rejected);
        }
    }

    /// <summary>What a rename prediction depends on: every open document (history generation), the step, and the C# solution.</summary>
    private sealed record PredictionKey(long Generation, long Step, int Version, object? Solution)
    {
        public bool Equals(PredictionKey? other) =>
            other is not null && Generation == other.Generation && Step == other.Step && Version == other.Version && ReferenceEquals(Solution, other.Solution);

        public override int GetHashCode() => HashCode.Combine(Generation, Step, Version);
    }

    private sealed class Pending(NextEditSuggestion suggestion, string requestUri, long stepSequence, string key)
    {
        public NextEditSuggestion Suggestion { get; } = suggestion;

        public string RequestUri { get; } = requestUri;

        public long StepSequence { get; } = stepSequence;

        /// <summary>What was suggested for the step (<c>rename:sum</c>, <c>using:System.Text</c>), to recognise it after a rejection.</summary>
        public string Key { get; } = key;

        public bool Shown { get; set; }
    }
}
