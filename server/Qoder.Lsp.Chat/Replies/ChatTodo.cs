namespace Qoder.Lsp.Chat.Replies;

/// <summary>One step of a plan, as the client's to-do list shows it.</summary>
public sealed record ChatTodo(int Index, string Text, bool Done);
