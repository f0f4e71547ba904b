namespace Qoder.Lsp.Database.Rendering;

/// <summary>Four characters a token: the estimate the completion engine uses too (a real tokenizer costs far more than it saves here).</summary>
public static class TokenEstimate
{
    public static int Of(string text) => (text.Length + 3) / 4;
}
