using System.Text;
using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Core.Work;

namespace Qoder.Lsp.Completion.Service;

/// <summary>
/// The latency machinery of inline completion, in front of the pipeline and the model: typing-through,
/// an LRU cache, reuse of in-flight generations, adaptive debounce and single flight per document.
/// Cheap answers are tried before anything waits, so typing through a suggestion costs no model call and no delay.
/// </summary>
public sealed class InlineCompletionService
{
    private const int CacheCapacity = 256;
    private const int IssuedCapacity = 512;
    private const int InvokedChoices = 3;
    private static readonly float[] AlternativeTemperatures = [0.7f, 0.9f];

    private readonly Func<IModelCatalog> _models;
    private readonly ICompletionPipeline _pipeline;
    private readonly ICompletionContextSource? _context;
    private readonly CompletionActivity? _activity;
    private readonly TaskScheduler _background;
    private readonly Func<CompletionSettings> _settings;
    private readonly TimeProvider _time;
    private readonly SupersedingWork _work = new();
    private readonly CompletionCache _cache = new(CacheCapacity);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TypingRhythm> _rhythms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShownSuggestions> _shown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Generation> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedSuggestion> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Answer, CursorWindow Spot)> _latestAnswers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prepared = new(StringComparer.Ordinal);
    private readonly Queue<string> _issuedOrder = new();
    private long _nextId;
    private long _nextAnswer;
    private int _requests;
    private int _modelRequests;
    private int _typingThroughHits;
    private int _cacheHits;
    private int _inFlightReuses;
    private int _superseded;
    private int _shownCount;
    private int _accepted;
    private int _partiallyAccepted;

    /// <param name="context">Snippets for prompts that reach the model; null for none.</param>
    /// <param name="activity">Told which requests are being answered, for background work that waits for the gaps; null for none.</param>
    /// <param name="background">Runs work that only serves later requests (<see cref="ICompletionPipeline.Prepare"/>); the thread pool when null.</param>
    public InlineCompletionService(
        Func<IModelCatalog> models, ICompletionPipeline pipeline, Func<CompletionSettings> settings, TimeProvider time, ICompletionContextSource? context = null, CompletionActivity? activity = null, TaskScheduler? background = null)
    {
        _activity = activity;
        _background = background ?? TaskScheduler.Default;
        _models = models;
        _pipeline = pipeline;
        _settings = settings;
        _time = time;
        _context = context;
    }

    public InlineCompletionStats Stats => new(
        Volatile.Read(ref _requests),
        Volatile.Read(ref _modelRequests),
        Volatile.Read(ref _typingThroughHits),
        Volatile.Read(ref _cacheHits),
        Volatile.Read(ref _inFlightReuses),
        Volatile.Read(ref _superseded),
        Volatile.Read(ref _shownCount),
        Volatile.Read(ref _accepted),
        Volatile.Read(ref _partiallyAccepted));

    /// <summary>Call on every edit of an open document: the edits are the keystrokes the debounce adapts to.</summary>
    public void OnDocumentChanged(string uri)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_rhythms.TryGetValue(uri, out var rhythm))
            {
                _rhythms[uri] = rhythm = new TypingRhythm();
            }

            rhythm.Keystroke(now);
        }
    }

    public void OnDocumentClosed(string uri)
    {
        lock (_gate)
        {
            _rhythms.Remove(uri);
            _shown.Remove(uri);
            _latestAnswers.Remove(uri);
            _inFlight.Remove(uri);
            _prepared.Remove(uri);
        }

        _cache.RemoveDocument(uri);
    }

    /// <summary>The wait before an automatic trigger asks the model for this document.</summary>
    public TimeSpan DebounceFor(string uri)
    {
        if (_settings().DebounceMs is int fixedMs)
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, fixedMs));
        }

        lock (_gate)
        {
            return _rhythms.TryGetValue(uri, out var rhythm) ? rhythm.Debounce : TypingRhythm.Initial;
        }
    }

    public static bool IsEnabled(CompletionSettings settings, string languageId, string? pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return LanguageFilter.Allows(settings.Enabled, settings.DisabledLanguages, settings.DisabledExtensions, languageId, pathOrUri);
    }

    /// <summary>
    /// Answers one request. Throws <see cref="WorkSupersededException"/> when a newer request for the same document
    /// replaced it, <see cref="ModelNotConfiguredException"/> without a completion model, and
    /// <see cref="CompletionFailedException"/> when the provider fails.
    /// </summary>
    public async Task<InlineCompletionResult> CompleteAsync(CompletionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Interlocked.Increment(ref _requests);
        using var answering = _activity?.BeginRequest();
        var settings = _settings();
        if (!IsEnabled(settings, input.LanguageId, input.FilePath ?? input.Uri))
        {
            return InlineCompletionResult.Empty;
        }

        var spot = CursorWindow.At(input);
        var wanted = input.Invoked ? InvokedChoices : 1;

        // Join a running generation before superseding its request, or that request's exit would cancel it.
        Generation? running = null;
        lock (_gate)
        {
            if (_inFlight.TryGetValue(input.Uri, out var candidate)
                && candidate.Invoked == input.Invoked
                && spot.Extends(candidate.Spot, out _)
                && candidate.TryAddReference())
            {
                running = candidate;
            }
        }

        using var ticket = _work.Start(input.Uri, cancellationToken);
        try
        {
            if (TypeThrough(input.Uri, spot, input.Invoked) is { } typedThrough)
            {
                Interlocked.Increment(ref _typingThroughHits);
                return Issue(input.Uri, spot, typedThrough, wanted, InlineCompletionSource.TypingThrough, input.Invoked);
            }

            if (_cache.TryGet(CompletionKey.Of(input.Uri, spot), out var cached) && (cached.Invoked || !input.Invoked))
            {
                Interlocked.Increment(ref _cacheHits);
                return Issue(input.Uri, spot, cached.Texts, wanted, InlineCompletionSource.Cache, input.Invoked);
            }

            if (running is not null)
            {
                var generation = running;
                running = null;
                var texts = await AwaitAsync(generation, ticket).ConfigureAwait(false);
                spot.Extends(generation.Spot, out var typed);
                var rest = Remainders(texts, typed);
                if (rest.Count > 0)
                {
                    Interlocked.Increment(ref _inFlightReuses);
                    return Issue(input.Uri, spot, rest, wanted, InlineCompletionSource.InFlight, input.Invoked);
                }
            }

            // Asked before the debounce so a missing model is reported at once.
            var client = _models().GetCompletionClient();
            PrepareDocument(input);

            // Gathered while the debounce runs, so ranking and Roslyn lookups add no latency on top of it: when the
            // debounce is over, the prompt takes what is ready, and a lookup that is not finishes in the background for
            // the next keystrokes. An invoked request has no debounce; the user asked explicitly, so it waits for the
            // sources' own time budgets. A superseded request cancels the gathering. The sources' synchronous part (the
            // bounded similarity ranking) runs here rather than behind a thread-pool hop, which on two busy cores cost
            // more than the ranking; with no debounce at all, readyBy has already fired, so nothing waits for a lookup.
            var debounce = input.Invoked ? TimeSpan.Zero : DebounceFor(input.Uri);
            var debounced = DebounceAsync(debounce, ticket);
            if (_context is not null)
            {
                using var contextReadyBy = ContextDeadline(input.Invoked, debounce);
                input = input with { Snippets = await GatherContextAsync(input, contextReadyBy.Token, ticket.Token).ConfigureAwait(false) };
            }

            await debounced.ConfigureAwait(false);
            ticket.ThrowIfCancelled();

            var prompt = _pipeline.BuildPrompt(input with { MaxLength = CompletionLengths.Parse(settings.MaxLength) }, client.ModelId);
            if (prompt is null)
            {
                return InlineCompletionResult.Empty;
            }

            var started = Start(input, spot, client, prompt);
            var completions = await AwaitAsync(started, ticket).ConfigureAwait(false);
            return Issue(input.Uri, spot, completions, wanted, InlineCompletionSource.Model, input.Invoked);
        }
        catch (WorkSupersededException)
        {
            Interlocked.Increment(ref _superseded);
            throw;
        }
        finally
        {
            running?.Release();
        }
    }

    /// <summary>When the context sources must answer with what is ready: never for an invoked request, else when the debounce ends.</summary>
    private CancellationTokenSource ContextDeadline(bool invoked, TimeSpan debounce)
    {
        if (invoked)
        {
            return new CancellationTokenSource();
        }

        if (debounce > TimeSpan.Zero)
        {
            return new CancellationTokenSource(debounce, _time);
        }

        // Cancelled before the sources look at it, rather than by a timer callback that a busy thread pool would delay.
        var due = new CancellationTokenSource();
        due.Cancel();
        return due;
    }

    /// <summary>Context snippets, or none when the source fails: context improves a completion, it must never prevent one.</summary>
    private async Task<IReadOnlyList<ContextSnippet>> GatherContextAsync(CompletionInput input, CancellationToken readyBy, CancellationToken cancellationToken)
    {
        try
        {
            return await _context!.GetSnippetsAsync(input, readyBy, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    public void OnShown(string id)
    {
        Interlocked.Increment(ref _shownCount);
        lock (_gate)
        {
            // The shown item leads typing-through, whichever of the alternatives it was. Only an item of the document's
            // latest answer can: the report of an older one comes after the text moved on.
            if (_issued.TryGetValue(id, out var item) && _latestAnswers.TryGetValue(item.Uri, out var latest) && latest.Answer == item.Answer)
            {
                var others = _shown.TryGetValue(item.Uri, out var current) && current.Spot.SameSpotAs(latest.Spot)
                    ? current.Texts.Where(text => text != item.Text)
                    : [];
                _shown[item.Uri] = new ShownSuggestions(latest.Spot, [item.Text, .. others], current?.Invoked ?? false);
            }
        }
    }

    public void OnAccepted(string id)
    {
        Interlocked.Increment(ref _accepted);
        lock (_gate)
        {
            if (_issued.TryGetValue(id, out var item))
            {
                item.AcceptedLength = item.Text.Length;
                _shown.Remove(item.Uri);
            }
        }
    }

    /// <param name="acceptedLength">Cumulative accepted UTF-16 length of the item's text.</param>
    public void OnPartiallyAccepted(string id, int acceptedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceptedLength);
        Interlocked.Increment(ref _partiallyAccepted);
        lock (_gate)
        {
            // The accepted part lands in the document; the next request types through to the rest.
            if (_issued.TryGetValue(id, out var item))
            {
                item.AcceptedLength = Math.Max(item.AcceptedLength, Math.Min(acceptedLength, item.Text.Length));
            }
        }
    }

    internal int? AcceptedLengthOf(string id)
    {
        lock (_gate)
        {
            return _issued.TryGetValue(id, out var item) ? item.AcceptedLength : null;
        }
    }

    private IReadOnlyList<string>? TypeThrough(string uri, CursorWindow spot, bool invoked)
    {
        ShownSuggestions? shown;
        lock (_gate)
        {
            _shown.TryGetValue(uri, out shown);
        }

        if (shown is null || (invoked && !shown.Invoked) || !spot.Extends(shown.Spot, out var typed))
        {
            return null;
        }

        var rest = Remainders(shown.Texts, typed);
        return rest.Count > 0 ? rest : null;
    }

    private static List<string> Remainders(IReadOnlyList<string> texts, string typed) =>
        [.. texts.Where(text => text.Length > typed.Length && text.StartsWith(typed, StringComparison.Ordinal)).Select(text => text[typed.Length..])];

    private async Task DebounceAsync(TimeSpan delay, WorkTicket ticket)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, _time, ticket.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ticket.ThrowIfCancelled();
            throw;
        }
    }

    /// <summary>
    /// The first time a document reaches the model, prepares all of it for later prompts (<see cref="ICompletionPipeline.Prepare"/>):
    /// between requests and on the background scheduler, since it takes milliseconds for a large document. Tried again at
    /// the next request when it could not be done yet; done again only after the document was closed.
    /// </summary>
    private void PrepareDocument(CompletionInput input)
    {
        lock (_gate)
        {
            if (!_prepared.Add(input.Uri))
            {
                return;
            }
        }

        Task Start() => Task.Factory.StartNew(
            () =>
            {
                var done = false;
                try
                {
                    done = _pipeline.Prepare(input);
                }
                finally
                {
                    if (!done)
                    {
                        lock (_gate)
                        {
                            _prepared.Remove(input.Uri);
                        }
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            _background);

        if (_activity is null)
        {
            _ = Start();
        }
        else
        {
            _activity.RunWhenIdle("prepare " + input.Uri, Start);
        }
    }

    private static async Task<IReadOnlyList<string>> AwaitAsync(Generation generation, WorkTicket ticket)
    {
        try
        {
            return await generation.Completions.WaitAsync(ticket.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ticket.Token.IsCancellationRequested)
        {
            ticket.ThrowIfCancelled();
            throw;
        }
        finally
        {
            generation.Release();
        }
    }

    private Generation Start(CompletionInput input, CursorWindow spot, ITextCompletionClient client, CompletionPrompt prompt)
    {
        var generation = new Generation(input.Uri, spot, input.Invoked);
        lock (_gate)
        {
            _inFlight[input.Uri] = generation;
        }

        generation.Run(token => GenerateAsync(generation, client, prompt, token));
        return generation;
    }

    private async Task<IReadOnlyList<string>> GenerateAsync(Generation generation, ITextCompletionClient client, CompletionPrompt prompt, CancellationToken cancellationToken)
    {
        try
        {
            // ITextCompletionClient streams the first choice only, so alternatives are separate calls at higher temperatures.
            var single = prompt.Request with { Choices = 1 };
            IReadOnlyList<FimRequest> requests = generation.Invoked
                ? [single, .. AlternativeTemperatures.Select(temperature => single with { Temperature = temperature })]
                : [single];
            var attempts = requests.Select(request => GenerateOneAsync(client, request, prompt, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(attempts).ConfigureAwait(false);
            }
            catch (Exception) when (attempts.Any(attempt => attempt.IsCompletedSuccessfully))
            {
                // One alternative failing still leaves the others worth showing.
            }

            IReadOnlyList<string> texts = [.. attempts.Where(attempt => attempt.IsCompletedSuccessfully).Select(attempt => attempt.Result).OfType<string>().Distinct(StringComparer.Ordinal).Take(InvokedChoices)];
            _cache.Set(CompletionKey.Of(generation.Uri, generation.Spot), new CachedCompletion(texts, generation.Invoked));
            return texts;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ModelNotConfiguredException or CompletionFailedException))
        {
            throw new CompletionFailedException($"Inline completion failed: {ex.Message}", ex);
        }
        finally
        {
            lock (_gate)
            {
                if (_inFlight.TryGetValue(generation.Uri, out var current) && ReferenceEquals(current, generation))
                {
                    _inFlight.Remove(generation.Uri);
                }
            }
        }
    }

    private async Task<string?> GenerateOneAsync(ITextCompletionClient client, FimRequest request, CompletionPrompt prompt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _modelRequests);
        var text = new StringBuilder();
        // Leaving the loop (early stop or cancellation) disposes the stream, which closes the HTTP request.
        await foreach (var piece in _pipeline.StopEarly(client.StreamAsync(request, cancellationToken), prompt, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece);
        }

        var cleaned = _pipeline.PostProcess(text.ToString(), prompt);
        return string.IsNullOrWhiteSpace(cleaned) ? null : cleaned;
    }

    private InlineCompletionResult Issue(string uri, CursorWindow spot, IReadOnlyList<string> texts, int wanted, InlineCompletionSource source, bool invoked)
    {
        var chosen = texts.Take(wanted).ToList();
        var items = new List<InlineSuggestion>(chosen.Count);
        var lineSuffix = spot.LineSuffix;
        lock (_gate)
        {
            // Issued items keep no cursor windows, only the document's latest answer does: the windows of the last
            // IssuedCapacity answers (up to 24 MB in a large file) outlived young-generation collections, which had to
            // promote them (docs/benchmarks.md).
            var answer = ++_nextAnswer;
            _latestAnswers[uri] = (answer, spot);
            foreach (var text in chosen)
            {
                var id = $"qc-{Interlocked.Increment(ref _nextId)}";
                _issued[id] = new IssuedSuggestion(uri, answer, text);
                _issuedOrder.Enqueue(id);
                items.Add(new InlineSuggestion(id, text) { ReplaceLength = CompletionFilters.AutoClosedOverlap(text, lineSuffix) });
            }

            while (_issuedOrder.Count > IssuedCapacity)
            {
                _issued.Remove(_issuedOrder.Dequeue());
            }

            // Typing-through is anchored at the model's answer, not at each typed-through remainder.
            if (source is InlineCompletionSource.Model or InlineCompletionSource.Cache or InlineCompletionSource.InFlight && chosen.Count > 0)
            {
                _shown[uri] = new ShownSuggestions(spot, chosen, invoked);
            }
        }

        return new InlineCompletionResult(items, chosen.Count == 0 ? InlineCompletionSource.None : source);
    }
}
