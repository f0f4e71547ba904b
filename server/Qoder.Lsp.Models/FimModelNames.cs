namespace Qoder.Lsp.Models;

/// <summary>
/// Guesses whether a model serves fill-in-the-middle through <c>/completions</c> when the user did not say
/// (<c>fim</c> unset). Code-base models trained with FIM tokens do; chat and instruct models generally do not
/// and would just continue the prompt, so anything unrecognised goes through the chat-prompt fallback.
/// </summary>
internal static class FimModelNames
{
    private static readonly string[] FimFamilies =
    [
        "coder", // qwen2.5-coder, deepseek-coder, starcoder, opencoder
        "codestral",
        "codellama",
        "code-llama",
        "codegemma",
        "stable-code",
        "santacoder",
        "granite-code",
        "codegeex",
        "gpt-3.5-turbo-instruct",
        "davinci-002",
        "babbage-002",
    ];

    public static bool LooksFimCapable(string model) =>
        FimFamilies.Any(family => model.Contains(family, StringComparison.OrdinalIgnoreCase));
}
