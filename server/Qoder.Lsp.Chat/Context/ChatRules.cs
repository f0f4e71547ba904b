namespace Qoder.Lsp.Chat.Context;

/// <summary>The rules that apply to a request, rendered for the system prompt, with notes on anything truncated.</summary>
public sealed record ChatRules(string Text, IReadOnlyList<string> Notes)
{
    public static ChatRules None { get; } = new(string.Empty, []);
}
