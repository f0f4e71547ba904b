namespace Qoder.Lsp.Protocol;

/// <summary>One step of a Plan-mode reply, for the client's to-do list.</summary>
public sealed record ChatTodoItem(int Index, string Text, bool Done);
