namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>A name a TypeScript/JavaScript module exports; <see cref="IsDefault"/> for <c>export default function X</c> (imported without braces).</summary>
public sealed record TypeScriptExport(string Name, bool IsDefault);
