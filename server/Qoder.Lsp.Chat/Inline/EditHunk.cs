namespace Qoder.Lsp.Chat.Inline;

/// <summary>
/// One contiguous change, in offsets of the document the request was made on. Hunks of one result do not overlap, so
/// a client can accept any subset (applying them from last to first) and reject the rest.
/// </summary>
public sealed record EditHunk(string Id, int StartOffset, int EndOffset, string OldText, string NewText);
