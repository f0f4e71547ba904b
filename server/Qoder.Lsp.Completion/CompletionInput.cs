namespace Qoder.Lsp.Completion;

/// <summary>What the engine knows about one completion request, in editor terms (UTF-16 offset into <see cref="Text"/>).</summary>
public sealed record CompletionInput(string Uri, string LanguageId, string? FilePath, string Text, int Offset, bool Invoked)
{
    /// <summary>Snippets the caller chose as context (recently viewed/edited files), best first.</summary>
    public IReadOnlyList<ContextSnippet> Snippets { get; init; } = [];

    /// <summary>The longest suggestion wanted (<c>completion.maxLength</c>).</summary>
    public Pipeline.CompletionLength MaxLength { get; init; }
}
