using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.CSharp.Definitions;

/// <summary>
/// The semantic view of one request's text: its syntax, what the cursor is inside of, and the symbol a name near the
/// cursor binds to. Either a full semantic model of the text, or a speculative one that re-binds only the edited
/// method body against an earlier model (see <see cref="CursorBinder"/>).
/// </summary>
internal sealed class CursorBinding
{
    private readonly Func<SimpleNameSyntax, CancellationToken, ISymbol?> _symbolOf;

    public CursorBinding(SyntaxNode root, SourceText text, ImmutableArray<ISymbol> enclosing, Func<SimpleNameSyntax, CancellationToken, ISymbol?> symbolOf)
    {
        Root = root;
        Text = text;
        Enclosing = enclosing;
        _symbolOf = symbolOf;
    }

    public SyntaxNode Root { get; }

    public SourceText Text { get; }

    /// <summary>The declared symbols of the members and types around the cursor, innermost first.</summary>
    public ImmutableArray<ISymbol> Enclosing { get; }

    public ISymbol? SymbolOf(SimpleNameSyntax name, CancellationToken cancellationToken) => _symbolOf(name, cancellationToken);

    public static ISymbol? Best(SymbolInfo info) => info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
}
