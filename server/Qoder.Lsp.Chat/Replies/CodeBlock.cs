namespace Qoder.Lsp.Chat.Replies;

/// <summary>A fenced code block of a reply, with the file it targets when the model named one, so clients can apply or insert it.</summary>
public sealed record CodeBlock(int Index, string? Language, string? Path, string Code);
