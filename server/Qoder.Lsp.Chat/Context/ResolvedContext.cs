namespace Qoder.Lsp.Chat.Context;

/// <summary>A turn's context items turned into prompt material, before budgeting.</summary>
/// <param name="ManualRules">Rules the user named with @rule.</param>
public sealed record ResolvedContext(
    IReadOnlyList<ContextBlock> Blocks,
    IReadOnlyList<ContextImage> Images,
    IReadOnlyList<string> ManualRules)
{
    /// <summary>Files in context, for glob rules and the turn's references.</summary>
    public IReadOnlyList<string> Paths => [.. Blocks.Select(block => block.Path).OfType<string>().Distinct(StringComparer.Ordinal)];
}
