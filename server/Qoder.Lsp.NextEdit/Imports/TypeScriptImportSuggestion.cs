namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>One way to import a missing name: from which module, as default or named, and the edit that does it.</summary>
public sealed record TypeScriptImportSuggestion(string Name, string Specifier, bool IsDefault, NextEditTextEdit Edit)
{
    /// <summary>For logs and history, e.g. <c>import { formatDate } from './util/date'</c>.</summary>
    public string Description => IsDefault ? $"import {Name} from '{Specifier}'" : $"import {{ {Name} }} from '{Specifier}'";
}
