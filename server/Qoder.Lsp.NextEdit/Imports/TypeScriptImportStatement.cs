namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// One <c>import … from '…'</c> (or side-effect <c>import '…'</c>) of a module, with offsets into its text.
/// </summary>
/// <param name="Start">Offset of <c>import</c>.</param>
/// <param name="End">Offset just past the statement (its semicolon when it has one).</param>
/// <param name="Specifier">The module specifier as written, e.g. <c>./util/date</c>.</param>
/// <param name="Quote">The specifier's quote character.</param>
/// <param name="HasSemicolon">Whether the statement ends with <c>;</c>.</param>
/// <param name="IsTypeOnly"><c>import type …</c>: no values may be added to it.</param>
/// <param name="DefaultName">The default binding, or null.</param>
/// <param name="NamespaceName">The <c>* as ns</c> binding, or null.</param>
/// <param name="Named">The <c>{ … }</c> items in order; empty without braces.</param>
/// <param name="BraceOpen">Offset of <c>{</c>, or -1 without braces.</param>
/// <param name="BraceClose">Offset of <c>}</c>, or -1 without braces.</param>
internal sealed record TypeScriptImportStatement(
    int Start,
    int End,
    string Specifier,
    char Quote,
    bool HasSemicolon,
    bool IsTypeOnly,
    string? DefaultName,
    string? NamespaceName,
    IReadOnlyList<TypeScriptNamedImport> Named,
    int BraceOpen,
    int BraceClose)
{
    /// <summary>Every local name the statement binds.</summary>
    public IEnumerable<string> Bindings =>
        Named.Select(item => item.Local).Concat(DefaultName is null ? [] : [DefaultName]).Concat(NamespaceName is null ? [] : [NamespaceName]);
}

/// <summary>One item of an import's braces: <c>Imported</c> or <c>Imported as Local</c>, spanning <c>Start</c>..<c>End</c> of the text.</summary>
internal sealed record TypeScriptNamedImport(string Imported, string Local, int Start, int End);
