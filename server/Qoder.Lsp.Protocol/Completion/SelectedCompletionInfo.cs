namespace Qoder.Lsp.Protocol;

/// <summary>The item selected in the editor's completion popup while inline completion was asked for.</summary>
public sealed record SelectedCompletionInfo(Range Range, string Text);
