namespace Qoder.Lsp.Chat.Inline;

/// <summary>The model's code for the edited range, and the hunks that turn the old text into it.</summary>
/// <param name="StartOffset">Start of the range that was replaced (the selection widened to whole lines).</param>
/// <param name="EndOffset">Its end.</param>
public sealed record InlineChatResult(int StartOffset, int EndOffset, string NewText, IReadOnlyList<EditHunk> Hunks, IReadOnlyList<string> Notes);
