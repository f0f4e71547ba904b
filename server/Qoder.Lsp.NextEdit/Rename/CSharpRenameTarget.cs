using Microsoft.CodeAnalysis;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>
/// The symbol an identifier named <see cref="OldName"/> at <see cref="Start"/> of <see cref="Path"/> stood for before a
/// rename, as its other occurrences in <see cref="Before"/> (the solution holding the text before the rename): the file
/// and offset where each starts. Empty when the symbol is not the user's (declared outside the sources).
/// </summary>
public sealed record CSharpRenameTarget(string Path, int Start, string OldName, Solution Before, IReadOnlySet<(string Path, int Start)> Occurrences);
