namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>A detected signature change and the places that follow it, the edited document's first, then by path.</summary>
public sealed record SignatureChangePrediction(SignatureChange Change, IReadOnlyList<SignatureChangeSite> Sites)
{
    /// <summary>
    /// One proposal per document: its edits in document order, a jump to the first for documents other than
    /// <paramref name="requestUri"/>, and a description such as <c>add argument 'scale' at 3 call sites</c>.
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<NextEditTextEdit> Edits, NextEditLocation? Jump, string Description)> PerDocument(string requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var proposals = new List<(IReadOnlyList<NextEditTextEdit>, NextEditLocation?, string)>();
        foreach (var group in Sites.GroupBy(site => site.Uri, StringComparer.Ordinal)
                     .OrderBy(group => string.Equals(group.Key, requestUri, StringComparison.Ordinal) ? 0 : 1))
        {
            var edits = group.SelectMany(site => site.Edits).OrderBy(edit => edit.Range.Start).ToList();
            if (edits.Count == 0)
            {
                continue;
            }

            var isOtherFile = !string.Equals(group.Key, requestUri, StringComparison.Ordinal);
            var parts = new List<string>();
            var calls = group.Count(site => site.Kind == SignatureSiteKind.CallSite);
            var overrides = group.Count(site => site.Kind == SignatureSiteKind.Override);
            if (calls > 0)
            {
                parts.Add($"{Change.Describe(SignatureSiteKind.CallSite)} at {calls} {(calls == 1 ? "call site" : "call sites")}");
            }

            if (overrides > 0)
            {
                parts.Add($"{Change.Describe(SignatureSiteKind.Override)} in {overrides} {(overrides == 1 ? "override" : "overrides")}");
            }

            var description = $"{Change.MemberName}: {string.Join(", ", parts)}{(isOtherFile ? " in " + group.Key : "")}";
            proposals.Add((edits, isOtherFile ? new NextEditLocation(group.Key, edits[0].Range.Start) : null, description));
        }

        return proposals;
    }
}
