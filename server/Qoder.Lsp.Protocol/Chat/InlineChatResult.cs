namespace Qoder.Lsp.Protocol;

/// <summary>
/// <c>qoder/inlineChat</c> result: the edited range (the selection widened to whole lines), its new text, and the hunks
/// that make it. Hunks do not overlap: accept any subset by applying them from last to first.
/// </summary>
public sealed record InlineChatResult
{
    public required Range Range { get; init; }

    public required string NewText { get; init; }

    public required IReadOnlyList<InlineChatHunk> Hunks { get; init; }

    /// <summary>The document version the hunks apply to.</summary>
    public int? Version { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
