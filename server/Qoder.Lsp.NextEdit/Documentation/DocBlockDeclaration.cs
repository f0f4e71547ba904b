namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>What a <c>/**</c> skeleton documents about a function: its type parameters (Javadoc), parameters, whether it returns a value, and what it declares to throw.</summary>
internal sealed record DocBlockDeclaration(IReadOnlyList<string> TypeParameters, IReadOnlyList<string> Parameters, bool Returns, IReadOnlyList<string> Throws);
