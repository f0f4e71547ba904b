namespace Qoder.Lsp.Completion;

/// <summary>
/// Prompt building and answer cleaning for inline completion. The latency machinery (debounce,
/// single flight, caches, typing-through) calls these; they are pure and fast.
/// </summary>
public interface ICompletionPipeline
{
    /// <returns>null when nothing should be asked here (secret-bearing file, cursor in a place we never complete).</returns>
    CompletionPrompt? BuildPrompt(CompletionInput input, string modelName);

    /// <summary>
    /// Does ahead of time, for the whole document of <paramref name="input"/>, the work that prompts at any spot of it
    /// reuse, so that the first prompt where the user moves to costs no more than the next ones. Milliseconds for a large
    /// document: callers run it between requests, at low priority.
    /// </summary>
    /// <returns>false when it could not be done yet and is worth trying again later.</returns>
    bool Prepare(CompletionInput input);

    /// <summary>Passes streamed text through until the completion is complete (line end in single-line mode, block end in multi-line mode, stop tokens, repetition), then stops reading.</summary>
    IAsyncEnumerable<string> StopEarly(IAsyncEnumerable<string> stream, CompletionPrompt prompt, CancellationToken cancellationToken);

    /// <returns>The text to insert at the cursor, or null to show nothing.</returns>
    string? PostProcess(string completion, CompletionPrompt prompt);
}
