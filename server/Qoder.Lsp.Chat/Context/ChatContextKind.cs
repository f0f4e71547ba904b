namespace Qoder.Lsp.Chat.Context;

/// <summary>The product's @-context kinds (user-guide-chat-context.md) plus the automatic current file and selection.</summary>
public enum ChatContextKind
{
    File,
    Selection,
    Folder,
    Rule,
    Codebase,
    Database,
    Attachment,
}
