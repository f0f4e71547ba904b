namespace Qoder.Lsp.Chat.Context;

/// <summary>A slash command found at the start of a message.</summary>
/// <param name="Name">Without the slash, with its namespace (<c>git:commit</c>).</param>
/// <param name="ExpandedPrompt">The custom command's body with the arguments applied; null for built-ins, which the engine runs itself.</param>
public sealed record ChatCommand(string Name, string Arguments, string? ExpandedPrompt);
