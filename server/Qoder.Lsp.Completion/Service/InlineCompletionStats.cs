namespace Qoder.Lsp.Completion.Service;

/// <summary>Counters since the service started; the benchmark and tests read them.</summary>
public sealed record InlineCompletionStats(
    int Requests,
    int ModelRequests,
    int TypingThroughHits,
    int CacheHits,
    int InFlightReuses,
    int Superseded,
    int Shown,
    int Accepted,
    int PartiallyAccepted);
