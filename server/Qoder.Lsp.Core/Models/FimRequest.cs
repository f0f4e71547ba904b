namespace Qoder.Lsp.Core.Models;

/// <summary>A raw text completion: fill-in-the-middle when <see cref="Suffix"/> is set and the model supports it.</summary>
public sealed record FimRequest(string Prompt, string? Suffix)
{
    public int MaxTokens { get; init; } = 256;
    public float Temperature { get; init; } = 0.2f;
    public IReadOnlyList<string> Stop { get; init; } = [];
    /// <summary>Number of alternative completions (n); providers that cannot do n &gt; 1 return one.</summary>
    public int Choices { get; init; } = 1;
}
