using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Text;
using Qoder.Lsp.Core.Text;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;
using Qoder.Lsp.CSharp;

namespace Qoder.Lsp.NextEdit.Rename;

/// <summary>
/// Symbol-accurate rename propagation for C#: resolves the old name at the renamed place in the solution as it was
/// before the rename, finds that symbol's references across the workspace's projects, and renames exactly those.
/// A local <c>total</c> in another method, a string "total" or a <c>Total</c> property stay untouched.
/// </summary>
public static class CSharpRenamePredictor
{
    /// <summary>
    /// The edits (current document first, then other files by path), or null when Roslyn cannot answer: the
    /// workspace is not loaded, the document is in no project, or the old name there binds to no symbol. Callers fall
    /// back to <see cref="TokenRenamePredictor"/> then. Empty when the symbol is not declared in source (a framework
    /// member): the user changed a call, not a name of theirs.
    /// </summary>
    /// <param name="resolved">The old name's occurrences when a <see cref="CSharpRenameTracker"/> already resolved them; null to resolve now.</param>
    public static async Task<IReadOnlyList<NextEditTextEdit>?> PredictAsync(
        IdentifierRename rename, CSharpWorkspace workspace, IReadOnlyList<TextDocument> openDocuments, CancellationToken cancellationToken,
        Task<CSharpRenameTarget?>? resolved = null)
    {
        ArgumentNullException.ThrowIfNull(rename);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(openDocuments);
        if (resolved is not null)
        {
            try
            {
                var tracked = await resolved.WaitAsync(cancellationToken).ConfigureAwait(false);
                return tracked is null ? null : await ToEditsAsync(rename, tracked, openDocuments, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The tracker dropped that lookup meanwhile (the user moved on); resolve here instead.
            }
        }

        var target = await ResolveAsync(workspace.CurrentSolution, rename.Uri, rename.TextBefore, rename.Start, rename.OldName, cancellationToken).ConfigureAwait(false);
        return target is null ? null : await ToEditsAsync(rename, target, openDocuments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves <paramref name="oldName"/> at <paramref name="start"/> in the solution as it was before the rename
    /// (<paramref name="solution"/> with the document's text before it) and finds every other occurrence of that
    /// symbol: the slow half of a prediction, which needs only the old name, so it can run from the first keystroke
    /// of a rename on. Null when Roslyn cannot answer (see <see cref="PredictAsync"/>).
    /// </summary>
    public static async Task<CSharpRenameTarget?> ResolveAsync(
        Solution? solution, string uri, string textBefore, int start, string oldName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(textBefore);
        ArgumentNullException.ThrowIfNull(oldName);
        var path = DocumentUris.TryGetLocalPath(uri);
        if (solution is null || path is null)
        {
            return null;
        }

        var documentIds = solution.GetDocumentIdsWithFilePath(path);
        if (documentIds.IsEmpty)
        {
            return null;
        }

        // The solution before the rename: the edited document (in every project that compiles it) with its old text.
        var sourceTextBefore = SourceText.From(textBefore);
        var before = solution;
        foreach (var id in documentIds)
        {
            before = before.WithDocumentText(id, sourceTextBefore, PreservationMode.PreserveIdentity);
        }

        var document = before.GetDocument(documentIds[0])!;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var token = root.FindToken(start);
        if (token.SpanStart != start || !string.Equals(token.Text, oldName, StringComparison.Ordinal) || token.Parent is null)
        {
            return null;
        }

        var symbol = model.GetDeclaredSymbol(token.Parent, cancellationToken) ?? model.GetSymbolInfo(token.Parent, cancellationToken).Symbol;
        if (symbol is null)
        {
            return null;
        }

        var spans = new HashSet<(string Path, int Start)>();
        if (!symbol.Locations.Any(location => location.IsInSource))
        {
            // A use of a framework member now calls something else: that is no rename of the user's symbol.
            return new CSharpRenameTarget(path, start, oldName, before, spans);
        }

        if (LocalScope(symbol, cancellationToken) is { } scope)
        {
            // A local's references are all inside its member: binding the same-named identifiers there is a fraction
            // of a solution-wide search.
            foreach (var candidate in scope.DescendantTokens())
            {
                if (candidate.IsKind(SyntaxKind.IdentifierToken) && string.Equals(candidate.ValueText, oldName, StringComparison.Ordinal)
                    && candidate.Parent is { } parent
                    && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(parent, cancellationToken) ?? model.GetSymbolInfo(parent, cancellationToken).Symbol, symbol))
                {
                    AddSpan(candidate.GetLocation(), oldName, spans);
                }
            }
        }
        else
        {
            var references = await SymbolFinder.FindReferencesAsync(symbol, before, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                foreach (var location in referenced.Definition.Locations)
                {
                    AddSpan(location, oldName, spans);
                }

                if (referenced.Definition is INamedTypeSymbol type)
                {
                    // A type's constructors are spelled with its name but are symbols of their own.
                    foreach (var constructor in type.Constructors)
                    {
                        foreach (var location in constructor.Locations)
                        {
                            AddSpan(location, oldName, spans);
                        }
                    }
                }

                foreach (var reference in referenced.Locations)
                {
                    if (!reference.IsImplicit)
                    {
                        AddSpan(reference.Location, oldName, spans);
                    }
                }
            }
        }

        spans.Remove((path, start));
        return new CSharpRenameTarget(path, start, oldName, before, spans);
    }

    /// <summary>The member whose body holds every reference of a local, local function, range variable or label; null for other symbols.</summary>
    private static SyntaxNode? LocalScope(ISymbol symbol, CancellationToken cancellationToken)
    {
        var isLocal = symbol is ILocalSymbol or IRangeVariableSymbol or ILabelSymbol
            || symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction }
            || symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } };
        if (!isLocal || symbol.DeclaringSyntaxReferences.FirstOrDefault() is not { } declaration)
        {
            return null;
        }

        var node = declaration.GetSyntax(cancellationToken);
        return node.FirstAncestorOrSelf<SyntaxNode>(ancestor => ancestor is MemberDeclarationSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax)
            is GlobalStatementSyntax global
            ? global.Parent
            : node.FirstAncestorOrSelf<SyntaxNode>(ancestor => ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or FieldDeclarationSyntax or EventDeclarationSyntax)
              ?? node.SyntaxTree.GetRoot(cancellationToken);
    }

    private static void AddSpan(Location location, string oldName, HashSet<(string Path, int Start)> spans)
    {
        if (location is { IsInSource: true, SourceTree: { } tree } && tree.FilePath is { Length: > 0 } filePath
            && location.SourceSpan.Length == oldName.Length
            && string.Equals(tree.GetText().ToString(location.SourceSpan), oldName, StringComparison.Ordinal))
        {
            spans.Add((Path.GetFullPath(filePath), location.SourceSpan.Start));
        }
    }

    private static async Task<IReadOnlyList<NextEditTextEdit>> ToEditsAsync(
        IdentifierRename rename, CSharpRenameTarget target, IReadOnlyList<TextDocument> openDocuments, CancellationToken cancellationToken)
    {
        var (editedPath, before, spans) = (target.Path, target.Before, target.Occurrences);
        var open = new Dictionary<string, TextDocument>(DocumentUris.PathComparer);
        foreach (var document in openDocuments)
        {
            if (DocumentUris.TryGetLocalPath(document.Uri) is { } openPath)
            {
                open[openPath] = document;
            }
        }

        var current = openDocuments.FirstOrDefault(document => string.Equals(document.Uri, rename.Uri, StringComparison.Ordinal));
        var edits = new List<NextEditTextEdit>();
        foreach (var group in spans.GroupBy(span => span.Path, DocumentUris.PathComparer)
                     .OrderBy(group => DocumentUris.PathComparer.Equals(group.Key, editedPath) ? 0 : 1)
                     .ThenBy(group => group.Key, StringComparer.Ordinal))
        {
            var starts = group.Select(span => span.Start).Order().ToList();
            if (DocumentUris.PathComparer.Equals(group.Key, editedPath))
            {
                // Found in the old text; the text after the site moved by the rename's length difference.
                if (current is null || current.Version != rename.Version)
                {
                    continue;
                }

                foreach (var start in starts)
                {
                    var shifted = start > rename.Start ? start + rename.Delta : start;
                    edits.Add(Edit(current, shifted, rename));
                }

                continue;
            }

            var documentId = before.GetDocumentIdsWithFilePath(group.Key).FirstOrDefault();
            if (documentId is null || before.GetDocument(documentId) is not { } roslynDocument)
            {
                continue;
            }

            var text = await roslynDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (open.TryGetValue(group.Key, out var openDocument))
            {
                // An open document's ranges must refer to the version the client has; skip it if Roslyn lags behind.
                if (!string.Equals(text.ToString(), openDocument.Text, StringComparison.Ordinal))
                {
                    continue;
                }

                edits.AddRange(starts.Select(start => Edit(openDocument, start, rename)));
            }
            else
            {
                var uri = DocumentUris.ToFileUri(group.Key);
                foreach (var start in starts)
                {
                    var from = text.Lines.GetLinePosition(start);
                    var to = text.Lines.GetLinePosition(start + rename.OldName.Length);
                    edits.Add(new NextEditTextEdit(uri, null, new LineRange(from.Line, from.Character, to.Line, to.Character), rename.NewName));
                }
            }
        }

        return edits;
    }

    private static NextEditTextEdit Edit(TextDocument document, int start, IdentifierRename rename) =>
        new(document.Uri, document.Version, new LineRange(document.PositionOf(start), document.PositionOf(start + rename.OldName.Length)), rename.NewName);
}
