using Qoder.Lsp.Chat.Context;

namespace Qoder.Lsp.Chat.Inline;

/// <summary>An inline chat instruction on a document: rewrite the selection, or generate at the cursor when the range is empty.</summary>
/// <param name="StartOffset">UTF-16 offset of the selection's start in <paramref name="DocumentText"/>.</param>
/// <param name="EndOffset">UTF-16 offset of its end; equal to the start for generation at the cursor.</param>
public sealed record InlineChatRequest(
    string Path,
    string DocumentText,
    int StartOffset,
    int EndOffset,
    string Instruction,
    IReadOnlyList<ChatContextItem> Context);
