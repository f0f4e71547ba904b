namespace Qoder.Lsp.NextEdit;

/// <summary>
/// One suggestion the user accepts or rejects as a whole: edits in one document, and where to jump first when that
/// document is not the one the user is in.
/// </summary>
/// <param name="Id">Names the suggestion in didShow and the accept/reject/ignore commands.</param>
/// <param name="Edits">Non-overlapping, in document order.</param>
/// <param name="Jump">Set when the edits are in another document than the request's.</param>
/// <param name="Description">What it does, for logs and history, e.g. <c>rename total → sum</c>.</param>
public sealed record NextEditSuggestion(string Id, IReadOnlyList<NextEditTextEdit> Edits, NextEditLocation? Jump, string Description);
