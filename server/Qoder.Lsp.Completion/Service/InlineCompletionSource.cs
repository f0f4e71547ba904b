namespace Qoder.Lsp.Completion.Service;

public enum InlineCompletionSource
{
    /// <summary>Nothing to show (disabled here, or the pipeline declined).</summary>
    None,
    Model,
    /// <summary>The user typed characters of the shown suggestion; the rest came back with no model call.</summary>
    TypingThrough,
    Cache,
    /// <summary>An in-flight generation for a shorter prefix answered this request too.</summary>
    InFlight,
}
