using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Chat.Sessions;

namespace Qoder.Lsp.Chat.Prompt;

/// <summary>Everything that goes into one chat prompt.</summary>
/// <param name="History">The session's messages that still reach the model (not compacted), oldest first.</param>
public sealed record ChatPromptInput(
    ChatMode Mode,
    string Message,
    ResolvedContext Context,
    IReadOnlyList<StoredChatMessage> History,
    ChatRules Rules,
    IReadOnlyList<string> Memories,
    IReadOnlyList<string> WorkspaceRoots,
    string? ResponseLanguage,
    bool ToolsAvailable);
