namespace Qoder.Lsp.Core.Configuration;

public static class ProviderTypes
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
}
