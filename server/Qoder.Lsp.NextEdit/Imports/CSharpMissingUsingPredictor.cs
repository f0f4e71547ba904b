using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.NextEdit.History;
using LinePosition = Qoder.Lsp.Core.Text.LinePosition;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;

namespace Qoder.Lsp.NextEdit.Imports;

/// <summary>
/// Missing <c>using</c> for C#: the user's latest step left a type name that does not resolve (CS0246, or CS0103 for a
/// static class such as <c>Regex.Match</c>), and exactly that name (and generic arity) is an accessible type in a
/// namespace of the project's sources or references. Suggests the <c>using</c> directive, one alternative per
/// candidate namespace (the project's own namespaces first, then System's), at its sorted place among the file's usings.
/// </summary>
public static class CSharpMissingUsingPredictor
{
    /// <summary>At most this many alternative namespaces are offered for one name; more means the name is too common to guess.</summary>
    public const int MaxCandidates = 3;

    /// <summary>The alternatives (namespace and the edit inserting its directive), best first; empty when nothing is missing or the workspace cannot tell.</summary>
    public static async Task<IReadOnlyList<(string Namespace, NextEditTextEdit Edit)>> PredictAsync(
        EditStep? step, TextDocument current, CSharpWorkspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(workspace);
        var solution = workspace.CurrentSolution;
        var path = DocumentUris.TryGetLocalPath(current.Uri);
        if (step is null || step.Version != current.Version || solution is null || path is null
            || solution.GetDocumentIdsWithFilePath(path).FirstOrDefault() is not { } documentId)
        {
            return [];
        }

        var document = solution.GetDocument(documentId)!;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(text.ToString(), current.Text, StringComparison.Ordinal))
        {
            document = solution.WithDocumentText(documentId, SourceText.From(current.Text)).GetDocument(documentId)!;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is not CompilationUnitSyntax unit)
        {
            return [];
        }

        // Only names on the lines the step touched: the user just wrote them.
        var firstLine = current.PositionOf(step.Start).Line;
        var lastLine = current.PositionOf(step.NewEnd).Line;
        var span = TextSpan.FromBounds(current.OffsetOf(new LinePosition(firstLine, 0)), current.OffsetOf(new LinePosition(lastLine, int.MaxValue)));
        var unresolved = model.GetDiagnostics(span, cancellationToken)
            .FirstOrDefault(diagnostic => diagnostic.Id is "CS0246" or "CS0103");
        if (unresolved is null || root.FindNode(unresolved.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
        {
            return [];
        }

        var arity = name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Count : 0;
        var compilation = model.Compilation;
        var candidates = new SortedSet<string>(Comparer<string>.Create((a, b) => CompareNamespaces(a, b, compilation)));
        CollectNamespaces(compilation.GlobalNamespace, name.Identifier.ValueText, arity, compilation, candidates);
        var imported = unit.Usings.Select(directive => directive.Name?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        candidates.RemoveWhere(imported.Contains);
        if (candidates.Count is 0 or > MaxCandidates)
        {
            return [];
        }

        return [.. candidates.Select(candidate => (candidate, UsingEdit(unit, candidate, current)))];
    }

    private static void CollectNamespaces(INamespaceSymbol root, string name, int arity, Compilation compilation, SortedSet<string> into)
    {
        var pending = new Stack<INamespaceSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var member in current.GetNamespaceMembers())
            {
                pending.Push(member);
            }

            if (current.IsGlobalNamespace)
            {
                continue;
            }

            foreach (var type in current.GetTypeMembers(name, arity))
            {
                if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                {
                    into.Add(type.ContainingNamespace.ToDisplayString());
                    break;
                }
            }
        }
    }

    /// <summary>The project's own namespaces first (the user's code is the likelier meaning), then System's, then the rest, each alphabetically.</summary>
    private static int CompareNamespaces(string a, string b, Compilation compilation)
    {
        static int Rank(string ns, Compilation compilation)
        {
            var inSource = compilation.GetSymbolsWithName(ns.Split('.')[^1], SymbolFilter.Namespace).Any(symbol => symbol.ToDisplayString() == ns);
            return inSource ? 0 : ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) ? 1 : 2;
        }

        var byRank = Rank(a, compilation).CompareTo(Rank(b, compilation));
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    }

    /// <summary>The directive at its place: before the first top-level using that sorts after it (System first), else after the last; at the top without usings.</summary>
    private static NextEditTextEdit UsingEdit(CompilationUnitSyntax unit, string ns, TextDocument current)
    {
        var directives = unit.Usings.Where(directive => directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None)).ToList();
        int offset;
        string text = $"using {ns};\n";
        if (directives.Count == 0)
        {
            var first = unit.GetFirstToken(includeZeroWidth: false);
            offset = first.IsKind(SyntaxKind.None) ? 0 : current.OffsetOf(new LinePosition(current.PositionOf(first.SpanStart).Line, 0));
            text += "\n";
        }
        else
        {
            var after = directives.FirstOrDefault(directive => CompareUsings(directive.Name!.ToString(), ns) > 0);
            offset = after is not null
                ? current.OffsetOf(new LinePosition(current.PositionOf(after.SpanStart).Line, 0))
                : current.OffsetOf(new LinePosition(current.PositionOf(directives[^1].Span.End).Line + 1, 0));
        }

        var position = current.PositionOf(offset);
        return new NextEditTextEdit(current.Uri, current.Version, new LineRange(position, position), text);
    }

    private static int CompareUsings(string a, string b)
    {
        static bool IsSystem(string ns) => ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);

        return IsSystem(a) != IsSystem(b) ? (IsSystem(a) ? -1 : 1) : string.CompareOrdinal(a, b);
    }
}
