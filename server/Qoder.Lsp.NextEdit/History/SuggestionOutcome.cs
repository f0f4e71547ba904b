namespace Qoder.Lsp.NextEdit.History;

/// <summary>What the user did with a shown suggestion.</summary>
public enum SuggestionOutcome
{
    Accepted,

    /// <summary>Dismissed explicitly, or shown and left unanswered until the next request for its document.</summary>
    Rejected,

    /// <summary>The client reports it went unused without the user deciding (e.g. the editor lost focus).</summary>
    Ignored,
}
