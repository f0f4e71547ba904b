namespace Qoder.Lsp.Protocol;

/// <summary>One hunk of an inline chat result, in the coordinates of the document version the request was made on.</summary>
public sealed record InlineChatHunk(string Id, Range Range, string OldText, string NewText);
