using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.CSharp.Definitions;

/// <summary>
/// Binds the names near the cursor, reusing the last full semantic model of the document while the user types
/// inside method bodies, as Roslyn's own completion does.
/// </summary>
/// <remarks>
/// A full semantic model of a changed document costs a new compilation whose type members are all rebuilt on first
/// use: about 20 ms for a 5,000-line class on this machine, and tens of megabytes that the garbage collector then
/// promotes (the 25–40 ms gen-1 pauses `scripts/bench completion` saw). An edit inside a method body changes no
/// declaration, so the earlier model (whose compilation already built them) can bind a changed body speculatively in
/// about a millisecond; names outside the changed bodies are bound in the earlier model at their earlier positions.
/// Edits in several bodies (the user moving from one method to the next) keep the earlier model, each changed body
/// bound speculatively on demand. The earlier model is reused only while nothing but this document changed in the
/// solution (another file's edit, a reload or a new file means a full model), and is replaced whenever an edit is not
/// inside a method body.
/// </remarks>
internal sealed class CursorBinder
{
    private ModelBase? _base;
    private int _reuseCount;

    /// <summary>How many bindings reused an earlier model (for tests: the fast path must really be taken).</summary>
    internal int ReuseCount => Volatile.Read(ref _reuseCount);

    public async Task<CursorBinding?> BindAsync(Document document, int offset, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var sourceText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var reusable = Volatile.Read(ref _base);
        if (reusable is not null && reusable.DocumentId == document.Id && SolutionComparison.OnlyDocumentChanged(reusable.Solution, document.Project.Solution, document.Id)
            && TrySpeculate(reusable.Model, root, sourceText, offset, cancellationToken) is { } speculative)
        {
            Interlocked.Increment(ref _reuseCount);
            return speculative;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        Volatile.Write(ref _base, new ModelBase(document.Id, document.Project.Solution, model));
        return new CursorBinding(
            root, sourceText, EnclosingSymbols(model, root, offset, cancellationToken),
            (name, token) => CursorBinding.Best(model.GetSymbolInfo(name, token)));
    }

    private static CursorBinding? TrySpeculate(SemanticModel model, SyntaxNode root, SourceText sourceText, int offset, CancellationToken cancellationToken)
    {
        var baseRoot = model.SyntaxTree.GetRoot(cancellationToken);

        // The workspace parses each new text incrementally from the last, so the trees share every unchanged node and
        // their differences come out as the few spans the user typed in.
        var edits = new EditMap(root.SyntaxTree.GetChanges(model.SyntaxTree));

        // Every edit must lie strictly inside a method body, in the earlier tree and in this one, and each changed body
        // must be the earlier one's (same kind, braces at the same places): then no declaration changed.
        var changedBodies = new Dictionary<BaseMethodDeclarationSyntax, BlockSyntax>();
        foreach (var edit in edits.Changes)
        {
            if (BodyAround(baseRoot, edit.Span) is not { } baseBody
                || BodyAround(root, new TextSpan(edits.ToNew(edit.Span.Start), edit.NewText?.Length ?? 0)) is not { } newBody
                || newBody.Parent is not BaseMethodDeclarationSyntax newMethod
                || !Corresponds(edits, baseBody, newBody))
            {
                return null;
            }

            changedBodies[newMethod] = baseBody;
        }

        // The cursor must be inside a method body too, changed or not, whose earlier version is known.
        if (BodyAround(root, new TextSpan(offset, 0)) is not { } cursorBody
            || (changedBodies.TryGetValue((BaseMethodDeclarationSyntax)cursorBody.Parent!, out var baseCursorBody) ? baseCursorBody : BodyAt(baseRoot, edits.ToOld(cursorBody.SpanStart))) is not { } earlierCursorBody)
        {
            return null;
        }

        var speculativeModels = new Dictionary<BaseMethodDeclarationSyntax, SemanticModel?>();
        return new CursorBinding(
            root, sourceText, EnclosingSymbols(model, baseRoot, earlierCursorBody.SpanStart, cancellationToken),
            (name, token) =>
            {
                // A name in a changed body binds in a speculative model of that body; the signature is unchanged and
                // bound below like the rest.
                var method = name.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault(candidate => candidate.Body?.Span.Contains(name.Span) == true);
                if (method is not null && changedBodies.TryGetValue(method, out var baseBody))
                {
                    if (!speculativeModels.TryGetValue(method, out var speculative))
                    {
                        speculative = model.TryGetSpeculativeSemanticModelForMethodBody(baseBody.SpanStart, method, out var created) ? created : null;
                        speculativeModels[method] = speculative;
                    }

                    return speculative is null ? null : CursorBinding.Best(speculative.GetSymbolInfo(name, token));
                }

                // Elsewhere the text is the earlier one, shifted by the edits before it.
                var baseStart = edits.ToOld(name.SpanStart);
                var baseName = baseStart < 0 ? null : baseRoot.FindNode(new TextSpan(baseStart, name.Span.Length), getInnermostNodeForTie: true) as SimpleNameSyntax;
                return baseName is not null && baseName.Identifier.ValueText == name.Identifier.ValueText
                    ? CursorBinding.Best(model.GetSymbolInfo(baseName, token))
                    : null;
            });
    }

    /// <summary>The body of the method whose braces strictly enclose <paramref name="span"/>, or null.</summary>
    private static BlockSyntax? BodyAround(SyntaxNode root, TextSpan span)
    {
        var token = root.FindToken(Math.Min(span.Start, Math.Max(0, root.FullSpan.End - 1)));
        var body = token.Parent?.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault()?.Body;
        return body is not null && !body.CloseBraceToken.IsMissing
            && span.Start >= body.OpenBraceToken.Span.End && span.End <= body.CloseBraceToken.SpanStart
            ? body
            : null;
    }

    /// <summary>The body of the method whose body starts at <paramref name="position"/>, or null.</summary>
    private static BlockSyntax? BodyAt(SyntaxNode root, int position) =>
        position < 0 ? null : root.FindToken(position).Parent is BlockSyntax { Parent: BaseMethodDeclarationSyntax } body && body.SpanStart == position ? body : null;

    private static bool Corresponds(EditMap edits, BlockSyntax baseBody, BlockSyntax newBody) =>
        newBody.Parent!.RawKind == baseBody.Parent!.RawKind
        && edits.ToOld(newBody.Parent.SpanStart) == baseBody.Parent.SpanStart
        && edits.ToOld(newBody.SpanStart) == baseBody.SpanStart
        && edits.ToOld(newBody.CloseBraceToken.SpanStart) == baseBody.CloseBraceToken.SpanStart;

    private static ImmutableArray<ISymbol> EnclosingSymbols(SemanticModel model, SyntaxNode root, int offset, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<ISymbol>();
        var atCursor = root.FindToken(Math.Max(0, offset - 1)).Parent;
        foreach (var ancestor in atCursor?.AncestorsAndSelf() ?? [])
        {
            if (ancestor is MemberDeclarationSyntax or LocalFunctionStatementSyntax
                && ancestor.Span.Contains(offset) && model.GetDeclaredSymbol(ancestor, cancellationToken) is { } declared)
            {
                result.Add(declared.OriginalDefinition);
            }
        }

        return result.ToImmutable();
    }

    private sealed record ModelBase(DocumentId DocumentId, Solution Solution, SemanticModel Model);

    /// <summary>The edits from the earlier tree to the new one (spans in the earlier text), and positions mapped between the two.</summary>
    private sealed class EditMap(IList<TextChange> changes)
    {
        public IList<TextChange> Changes { get; } = changes;

        /// <summary>The new position of an earlier one outside every edit (or at an edit's start).</summary>
        public int ToNew(int oldPosition)
        {
            var delta = 0;
            foreach (var change in Changes)
            {
                if (change.Span.Start >= oldPosition)
                {
                    break;
                }

                delta += (change.NewText?.Length ?? 0) - change.Span.Length;
            }

            return oldPosition + delta;
        }

        /// <summary>The earlier position of a new one, or -1 when it lies inside what an edit inserted.</summary>
        public int ToOld(int newPosition)
        {
            var delta = 0;
            foreach (var change in Changes)
            {
                var newStart = change.Span.Start + delta;
                var newEnd = newStart + (change.NewText?.Length ?? 0);
                if (newPosition < newStart)
                {
                    break;
                }

                if (newPosition < newEnd)
                {
                    return -1;
                }

                delta = newEnd - change.Span.End;
            }

            return newPosition - delta;
        }
    }
}
