namespace Qoder.Lsp.NextEdit.History;

/// <summary>A suggestion the user answered, for the history a predictor or model prompt can learn from.</summary>
/// <param name="Id">The suggestion's id.</param>
/// <param name="Uri">The document the request came from.</param>
/// <param name="Description">What it proposed, e.g. <c>rename total → sum (3 edits)</c>.</param>
/// <param name="Outcome">What the user did.</param>
/// <param name="At">When.</param>
public sealed record SuggestionRecord(string Id, string Uri, string Description, SuggestionOutcome Outcome, DateTimeOffset At);
