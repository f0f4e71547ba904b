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

    public async Task<CursorBinding?> BindAsync(Document document, string text, int offset, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var sourceText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var reusable = Volatile.Read(ref _base);
        if (reusable is not null && reusable.DocumentId == document.Id && SolutionComparison.OnlyDocumentChanged(reusable.Solution, document.Project.Solution, document.Id)
            && TrySpeculate(reusable, root, sourceText, text, offset, cancellationToken) is { } speculative)
        {
            Interlocked.Increment(ref _reuseCount);
            return speculative;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        Volatile.Write(ref _base, new ModelBase(document.Id, document.Project.Solution, text, model));
        return new CursorBinding(
            root, sourceText, EnclosingSymbols(model, root, offset, cancellationToken),
            (name, token) => CursorBinding.Best(model.GetSymbolInfo(name, token)));
    }

    private static CursorBinding? TrySpeculate(
        ModelBase reusable, SyntaxNode root, SourceText sourceText, string text, int offset, CancellationToken cancellationToken)
    {
        var model = reusable.Model;
        var baseRoot = model.SyntaxTree.GetRoot(cancellationToken);
        if (ChangedBodies.Between(reusable.Text, baseRoot, text, root) is not { } bodies)
        {
            return null;
        }

        // What encloses the cursor, from the earlier tree: at the start of the earlier body when the cursor's body changed.
        var earlierCursor = BodyAround(root, offset) is { } cursorBody && bodies.EarlierOf(cursorBody) is { } earlierCursorBody
            ? earlierCursorBody.SpanStart
            : bodies.ToOld(offset);
        var speculativeModels = new Dictionary<BlockSyntax, SemanticModel?>();
        return new CursorBinding(
            root, sourceText, EnclosingSymbols(model, baseRoot, earlierCursor, cancellationToken),
            (name, token) =>
            {
                // A name in a changed body binds in a speculative model of that body; the signature is unchanged and
                // bound below like the rest.
                if (BodyAround(root, name.SpanStart) is { } body && bodies.EarlierOf(body) is { } earlierBody)
                {
                    if (!speculativeModels.TryGetValue(body, out var speculative))
                    {
                        speculative = model.TryGetSpeculativeSemanticModelForMethodBody(earlierBody.SpanStart, (BaseMethodDeclarationSyntax)body.Parent!, out var created) ? created : null;
                        speculativeModels[body] = speculative;
                    }

                    return speculative is null || !body.Span.Contains(name.Span) ? null : CursorBinding.Best(speculative.GetSymbolInfo(name, token));
                }

                // Elsewhere the text is the earlier one, shifted by the edits before it.
                var baseStart = bodies.ToOld(name.SpanStart);
                var baseName = baseRoot.FindNode(new TextSpan(baseStart, name.Span.Length), getInnermostNodeForTie: true) as SimpleNameSyntax;
                return baseName is not null && baseName.Identifier.ValueText == name.Identifier.ValueText
                    ? CursorBinding.Best(model.GetSymbolInfo(baseName, token))
                    : null;
            });
    }

    /// <summary>The body of the method whose braces strictly enclose <paramref name="position"/> (after its opening brace, up to its closing one), or null.</summary>
    private static BlockSyntax? BodyAround(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Min(position, Math.Max(0, root.FullSpan.End - 1)));
        var body = token.Parent?.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault()?.Body;
        return body is not null && !body.CloseBraceToken.IsMissing
            && position >= body.OpenBraceToken.Span.End && position <= body.CloseBraceToken.SpanStart
            ? body
            : null;
    }

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

    private sealed record ModelBase(DocumentId DocumentId, Solution Solution, string Text, SemanticModel Model);

    /// <summary>
    /// The method bodies in which the new text differs from the earlier one, paired with their earlier versions, when
    /// every difference lies inside such a body and everything between them is unchanged.
    /// </summary>
    /// <remarks>
    /// Found from the texts (a vectorised common prefix and suffix) and the member declarations between them, not
    /// by diffing the syntax trees, which costs tens of milliseconds in a 5,000-line file.
    /// </remarks>
    private sealed class ChangedBodies
    {
        private readonly List<(BlockSyntax Earlier, BlockSyntax New)> _pairs;

        private ChangedBodies(List<(BlockSyntax Earlier, BlockSyntax New)> pairs)
        {
            _pairs = pairs;
        }

        public static ChangedBodies? Between(string earlierText, SyntaxNode earlierRoot, string newText, SyntaxNode newRoot)
        {
            var prefix = earlierText.AsSpan().CommonPrefixLength(newText);
            if (prefix == earlierText.Length && prefix == newText.Length)
            {
                return new ChangedBodies([]);
            }

            var suffix = Core.Text.TextComparison.CommonSuffixLength(earlierText.AsSpan(prefix), newText.AsSpan(prefix));
            var earlier = BodiesIn(earlierRoot, prefix, earlierText.Length - suffix);
            var changed = BodiesIn(newRoot, prefix, newText.Length - suffix);
            if (earlier is null || changed is null || earlier.Count != changed.Count)
            {
                return null;
            }

            var pairs = new List<(BlockSyntax Earlier, BlockSyntax New)>(earlier.Count);
            for (var i = 0; i < earlier.Count; i++)
            {
                // Between two changed bodies (and from the common prefix into the first one) the texts must be equal, so
                // the declarations there are the earlier ones, only shifted.
                var earlierGap = i == 0 ? default : TextSpan.FromBounds(earlier[i - 1].CloseBraceToken.SpanStart, earlier[i].OpenBraceToken.Span.End);
                var newGap = i == 0 ? default : TextSpan.FromBounds(changed[i - 1].CloseBraceToken.SpanStart, changed[i].OpenBraceToken.Span.End);
                if (earlier[i].Parent!.RawKind != changed[i].Parent!.RawKind
                    || !earlierText.AsSpan(earlierGap.Start, earlierGap.Length).SequenceEqual(newText.AsSpan(newGap.Start, newGap.Length)))
                {
                    return null;
                }

                pairs.Add((earlier[i], changed[i]));
            }

            return new ChangedBodies(pairs);
        }

        /// <summary>The earlier version of a body that changed, or null for a body that did not.</summary>
        public BlockSyntax? EarlierOf(BlockSyntax body)
        {
            foreach (var (earlier, changed) in _pairs)
            {
                if (changed == body)
                {
                    return earlier;
                }
            }

            return null;
        }

        /// <summary>The earlier position of a new one outside every changed body.</summary>
        public int ToOld(int newPosition)
        {
            // Before the first changed body's end nothing moved; after a changed body, everything moved as its end did.
            var delta = 0;
            foreach (var (earlier, changed) in _pairs)
            {
                if (newPosition < changed.CloseBraceToken.SpanStart)
                {
                    break;
                }

                delta = changed.CloseBraceToken.SpanStart - earlier.CloseBraceToken.SpanStart;
            }

            return newPosition - delta;
        }

        // The method bodies that the changed range [start, end) touches, in order, when the range starts inside the first
        // and ends inside the last; null when part of it lies outside every body.
        private static List<BlockSyntax>? BodiesIn(SyntaxNode root, int start, int end)
        {
            if (BodyAround(root, start) is not { } first || BodyAround(root, end) is not { } last)
            {
                return null;
            }

            if (first == last)
            {
                return [first];
            }

            var bodies = root.DescendantNodes(TextSpan.FromBounds(first.SpanStart, last.Span.End), node => node is not BlockSyntax || node == root)
                .OfType<BaseMethodDeclarationSyntax>()
                .Select(method => method.Body)
                .OfType<BlockSyntax>()
                .Where(body => body.Span.End > first.SpanStart && body.SpanStart < last.Span.End)
                .ToList();
            return bodies.Count >= 2 && bodies[0] == first && bodies[^1] == last && bodies.All(body => !body.CloseBraceToken.IsMissing) ? bodies : null;
        }
    }
}
