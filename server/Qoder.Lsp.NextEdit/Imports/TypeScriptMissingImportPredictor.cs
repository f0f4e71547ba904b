using System.Runtime.CompilerServices;
using System.Text;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.NextEdit.Tokens;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// Missing import for TypeScript/JavaScript: the user's latest step left an identifier in code (not a property after
/// <c>.</c>, not an object key, not a keyword or well-known global, not a name the module declares or imports itself)
/// that another workspace module exports. Suggests the import, merged into an existing import of that module or as a
/// new line after the last import, in the module's quote and semicolon style; one alternative per exporting module, the
/// nearest first. Exporters are looked up in the open documents, then through <see cref="IExportedSymbolSource"/>.
/// CommonJS modules (<c>require(</c> without imports, .cjs/.cts) are left alone.
/// </summary>
public static class TypeScriptMissingImportPredictor
{
    /// <summary>At most this many alternative modules are offered for one name.</summary>
    public const int MaxCandidates = 3;

    // Names of one step looked up at most in the open documents, and through the workspace source (each such lookup
    // may spend the source's whole time budget, so a request stays within a few of them).
    private const int MaxNames = 5;
    private const int MaxWorkspaceLookups = 3;

    public static async Task<IReadOnlyList<TypeScriptImportSuggestion>> PredictAsync(
        EditStep? step, TextDocument current, IReadOnlyList<TextDocument> openDocuments, IExportedSymbolSource? workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(openDocuments);
        var path = DocumentUris.TryGetLocalPath(current.Uri);
        if (step is null || step.Version != current.Version || path is null || step.NewText.Trim().Length == 0
            || !TypeScriptModulePaths.IsModule(current.LanguageId, path) || TypeScriptModulePaths.IsCommonJsPath(path))
        {
            return [];
        }

        // Clients ask again on every pause and cursor move: what the module text says is kept per document version.
        var facts = Facts.GetValue(current, document => new ModuleFacts(document));
        var (masked, imports) = (facts.Masked, facts.Imports);
        if (TypeScriptModuleText.IsCommonJs(masked, imports))
        {
            return [];
        }
        var parsed = new Dictionary<string, IReadOnlyList<TypeScriptExport>>(StringComparer.Ordinal);
        var workspaceLookups = 0;
        foreach (var name in CandidateNames(step, current, facts))
        {
            // Do not put back an import the user just deleted.
            if (step.OldText.Contains("import", StringComparison.Ordinal) && step.OldText.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var exporters = await ExportersAsync(name, path, current.Uri, openDocuments, workspaceLookups++ < MaxWorkspaceLookups ? workspace : null, parsed, cancellationToken).ConfigureAwait(false);
            if (exporters.Count == 0)
            {
                continue;
            }

            var withJsExtension = imports.Any(import => import.Specifier.StartsWith('.') && import.Specifier.EndsWith(".js", StringComparison.Ordinal));
            return [.. exporters
                .Select(exporter => (exporter.Export, exporter.Path, Specifier: TypeScriptModulePaths.Specifier(path, exporter.Path, withJsExtension)))
                .OrderBy(candidate => TypeScriptModulePaths.Distance(candidate.Specifier))
                .ThenBy(candidate => candidate.Specifier, StringComparer.Ordinal)
                .Take(MaxCandidates)
                .Select(candidate => new TypeScriptImportSuggestion(name, candidate.Specifier, candidate.Export.IsDefault,
                    ImportEdit(current, path, masked, imports, candidate.Export, candidate.Path, candidate.Specifier)))];
        }

        return [];
    }

    /// <summary>The identifiers in code on the lines the step touched that the module does not bind itself, in order.</summary>
    private static IEnumerable<string> CandidateNames(EditStep step, TextDocument current, ModuleFacts facts)
    {
        var text = current.Text;
        var masked = facts.Masked;
        var start = current.OffsetOf(new LinePosition(current.PositionOf(step.Start).Line, 0));
        var end = current.OffsetOf(new LinePosition(current.PositionOf(step.NewEnd).Line, int.MaxValue));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in facts.Tokens)
        {
            if (token.End <= start || token.Kind != TokenKind.Code)
            {
                continue;
            }

            if (token.Start > end || seen.Count >= MaxNames)
            {
                yield break;
            }

            var name = text.Substring(token.Start, token.Length);
            // The tokenizer sees template holes as code; the mask blanks them, so a name the mask lost is in a string.
            if (masked[token.Start] != text[token.Start] || name.Length < 2 || Keywords.Contains(name) || Globals.Contains(name)
                || IsPropertyAccess(text, token.Start) || IsPropertyKey(text, token) || facts.Declared.Value.Contains(name) || !seen.Add(name))
            {
                continue;
            }

            yield return name;
        }
    }

    private static readonly ConditionalWeakTable<TextDocument, ModuleFacts> Facts = new();

    /// <summary>One document version's masked text and imports, and (read only when a name is worth looking up) its tokens and declared names.</summary>
    private sealed class ModuleFacts
    {
        private readonly Lazy<IReadOnlyList<IdentifierToken>> _tokens;

        public ModuleFacts(TextDocument document)
        {
            Masked = TypeScriptSourceMask.Mask(document.Text);
            Imports = TypeScriptModuleText.Imports(document.Text, Masked);
            Declared = new Lazy<HashSet<string>>(() => TypeScriptModuleText.DeclaredNames(Masked, Imports));
            _tokens = new Lazy<IReadOnlyList<IdentifierToken>>(() => IdentifierTokenizer.Tokenize(document.Text, document.LanguageId));
        }

        public string Masked { get; }

        public IReadOnlyList<TypeScriptImportStatement> Imports { get; }

        public Lazy<HashSet<string>> Declared { get; }

        public IReadOnlyList<IdentifierToken> Tokens => _tokens.Value;
    }

    private static bool IsPropertyAccess(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        return i >= 0 && text[i] == '.' && !(i >= 2 && text[i - 1] == '.' && text[i - 2] == '.');
    }

    /// <summary><c>{ name: … }</c>, <c>, name: …</c> or a class field <c>name: Type</c>: a key, not a use.</summary>
    private static bool IsPropertyKey(string text, IdentifierToken token)
    {
        var after = token.End;
        while (after < text.Length && text[after] is ' ' or '\t' or '?')
        {
            after++;
        }

        if (after >= text.Length || text[after] != ':' || (after + 1 < text.Length && text[after + 1] == ':'))
        {
            return false;
        }

        var before = token.Start - 1;
        while (before >= 0 && text[before] is ' ' or '\t')
        {
            before--;
        }

        return before < 0 || text[before] is '{' or ',' or '\n' or '(' or ';';
    }

    private static async Task<List<(string Path, TypeScriptExport Export)>> ExportersAsync(
        string name, string path, string uri, IReadOnlyList<TextDocument> openDocuments, IExportedSymbolSource? workspace,
        Dictionary<string, IReadOnlyList<TypeScriptExport>> parsed, CancellationToken cancellationToken)
    {
        var found = new List<(string Path, TypeScriptExport Export)>();
        var seen = new HashSet<string>(DocumentUris.PathComparer) { path };
        void Consider(string filePath, string text)
        {
            // Most modules do not mention the name at all: a plain search spares parsing them.
            if (!TypeScriptModulePaths.IsModulePath(filePath) || !text.Contains(name, StringComparison.Ordinal) || !seen.Add(filePath))
            {
                return;
            }

            if (!parsed.TryGetValue(filePath, out var exports))
            {
                exports = TypeScriptExports.Parse(text);
                parsed[filePath] = exports;
            }

            // A named export is preferred when a module exports the name both ways.
            var export = exports.FirstOrDefault(candidate => candidate.Name == name && !candidate.IsDefault)
                ?? exports.FirstOrDefault(candidate => candidate.Name == name);
            if (export is not null)
            {
                found.Add((filePath, export));
            }
        }

        foreach (var document in openDocuments)
        {
            if (document.Uri != uri && DocumentUris.TryGetLocalPath(document.Uri) is { } documentPath)
            {
                Consider(documentPath, document.Text);
            }
        }

        if (workspace is not null)
        {
            foreach (var file in await workspace.FindAsync(name, cancellationToken).ConfigureAwait(false))
            {
                Consider(file.Path, file.Text);
            }
        }

        return found;
    }

    private static NextEditTextEdit ImportEdit(
        TextDocument current, string path, string masked, IReadOnlyList<TypeScriptImportStatement> imports, TypeScriptExport export, string exporterPath, string specifier)
    {
        var name = export.Name;
        var text = current.Text;
        var existing = imports.FirstOrDefault(import => !import.IsTypeOnly && import.NamespaceName is null && import.Specifier.Length > 0
            && TypeScriptModulePaths.Names(path, import.Specifier, exporterPath)
            && (export.IsDefault ? import.DefaultName is null && import.BraceOpen >= 0 : import.BraceOpen >= 0 || import.DefaultName is not null));
        if (existing is not null)
        {
            var (offset, insert) = export.IsDefault ? (existing.BraceOpen, name + ", ") : MergeNamed(text, masked, existing, name);
            return Insert(current, offset, insert);
        }

        var style = imports.FirstOrDefault(import => import.BraceOpen >= 0 || import.DefaultName is not null || import.NamespaceName is not null) ?? imports.FirstOrDefault();
        var quote = style?.Quote ?? '\'';
        var semicolon = style?.HasSemicolon ?? true;
        var statement = new StringBuilder("import ")
            .Append(export.IsDefault ? name : "{ " + name + " }")
            .Append(" from ").Append(quote).Append(specifier).Append(quote)
            .Append(semicolon ? ";" : "")
            .ToString();
        if (imports.Count > 0)
        {
            var lastLine = current.PositionOf(imports[^1].End).Line;
            return lastLine + 1 < current.LineCount
                ? Insert(current, current.OffsetOf(new LinePosition(lastLine + 1, 0)), statement + "\n")
                : Insert(current, text.Length, "\n" + statement);
        }

        var at = TypeScriptModuleText.LeadingInsertOffset(text, masked);
        var followedByCode = at < text.Length && text[at] is not ('\n' or '\r');
        return Insert(current, at, statement + "\n" + (followedByCode ? "\n" : ""));
    }

    /// <summary>Where <paramref name="name"/> goes among the import's braces: at its sorted place if the names are sorted, else last.</summary>
    private static (int Offset, string Text) MergeNamed(string text, string masked, TypeScriptImportStatement import, string name)
    {
        var items = import.Named;
        if (import.BraceOpen < 0)
        {
            // `import Default from './x'` → `import Default, { name } from './x'`.
            var defaultEnd = text.IndexOf(import.DefaultName!, import.Start + "import".Length, StringComparison.Ordinal) + import.DefaultName!.Length;
            return (defaultEnd, ", { " + name + " }");
        }

        if (items.Count == 0)
        {
            return (import.BraceOpen + 1, " " + name + " ");
        }

        var sorted = items.Zip(items.Skip(1)).All(pair => Compare(pair.First.Imported, pair.Second.Imported) <= 0);
        var before = sorted ? items.FirstOrDefault(item => Compare(item.Imported, name) > 0) : null;
        var multiline = text.AsSpan(import.BraceOpen, import.BraceClose - import.BraceOpen).Contains('\n');
        if (!multiline)
        {
            return before is not null ? (before.Start, name + ", ") : (items[^1].End, ", " + name);
        }

        var firstLineStart = text.LastIndexOf('\n', items[0].Start) + 1;
        var indent = text[firstLineStart..items[0].Start];
        if (before is not null)
        {
            return (before.Start, name + ",\n" + indent);
        }

        var comma = masked.IndexOf(',', items[^1].End, import.BraceClose - items[^1].End);
        return comma >= 0 ? (comma + 1, "\n" + indent + name + ",") : (items[^1].End, ",\n" + indent + name);
    }

    private static int Compare(string a, string b)
    {
        var ignoringCase = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(a, b);
    }

    private static NextEditTextEdit Insert(TextDocument current, int offset, string text)
    {
        var position = current.PositionOf(offset);
        return new NextEditTextEdit(current.Uri, current.Version, new LineRange(position, position), text);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends",
        "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this",
        "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface", "package",
        "private", "protected", "public", "await", "async", "as", "from", "of", "get", "set", "type", "declare", "abstract", "readonly",
        "keyof", "infer", "is", "namespace", "module", "any", "unknown", "never", "number", "string", "boolean", "symbol", "bigint",
        "object", "undefined", "satisfies", "override", "accessor", "constructor", "asserts", "unique", "global",
    };

    // Globals of the language, the browser and Node, and TypeScript's utility types: never imported from a workspace module.
    private static readonly HashSet<string> Globals = new(StringComparer.Ordinal)
    {
        "console", "Math", "JSON", "Promise", "Array", "Object", "String", "Number", "Boolean", "Symbol", "BigInt", "Date", "RegExp",
        "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Reflect",
        "Proxy", "Intl", "NaN", "Infinity", "globalThis", "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent",
        "decodeURIComponent", "encodeURI", "decodeURI", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate",
        "clearImmediate", "queueMicrotask", "structuredClone", "fetch", "URL", "URLSearchParams", "AbortController", "TextEncoder",
        "TextDecoder", "ArrayBuffer", "DataView", "Uint8Array", "Int32Array", "Float64Array", "Blob", "FormData", "Headers", "Request",
        "Response", "Event", "EventTarget", "window", "document", "navigator", "location", "history", "localStorage", "sessionStorage",
        "alert", "HTMLElement", "Element", "Node", "process", "require", "module", "exports", "Buffer", "__dirname", "__filename",
        "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable", "ReturnType", "Parameters",
        "InstanceType", "Awaited", "Iterable", "AsyncIterable", "Iterator", "PromiseLike", "ArrayLike", "Function", "arguments",
    };
}
