namespace Qoder.Lsp.Protocol;

/// <summary><c>qoder/nextEdit</c> result: the suggestions, best first; empty when there is nothing to suggest.</summary>
public sealed record NextEditResult
{
    public IReadOnlyList<NextEditItem> Items { get; init; } = [];
}
