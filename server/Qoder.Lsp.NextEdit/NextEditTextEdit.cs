using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.NextEdit;

/// <summary>
/// One proposed replacement. <see cref="Version"/> is the open document's version the range refers to, or null for
/// a file that is not open (the range then refers to its text on disk).
/// </summary>
public sealed record NextEditTextEdit(string Uri, int? Version, LineRange Range, string NewText);
