namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>A workspace file that may export a name: its full local path and its current text.</summary>
public sealed record ExportingFile(string Path, string Text);
