namespace Qoder.Lsp.Context.Commands;

/// <summary>
/// A message that starts with a known <c>/name</c>. <see cref="ExpandedPrompt"/> is the custom command's body with the
/// arguments in place of <c>$ARGUMENTS</c> (or appended); null for built-ins, which the chat engine executes.
/// </summary>
public sealed record CommandInvocation(CommandInfo Command, string Arguments, string? ExpandedPrompt);
