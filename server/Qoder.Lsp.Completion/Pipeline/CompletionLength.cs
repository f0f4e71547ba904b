namespace Qoder.Lsp.Completion.Pipeline;

/// <summary>
/// The longest suggestion <c>completion.maxLength</c> allows. The engine still stops earlier when the code is
/// complete (see <see cref="StreamStopper"/>); this is the upper bound it stops at.
/// </summary>
public enum CompletionLength
{
    /// <summary>Up to the end of the enclosing function, or of the one the completion writes (the default: the engine decides).</summary>
    Function,

    /// <summary>Up to the end of the innermost block the completion opens or is inside of: never more than one block statement.</summary>
    Block,

    /// <summary>The cursor's line only (single-line mode everywhere).</summary>
    Line,
}
