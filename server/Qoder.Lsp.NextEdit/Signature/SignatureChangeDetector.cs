using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Qoder.Lsp.NextEdit.History;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;

namespace Qoder.Lsp.NextEdit.Signature;

/// <summary>
/// Recognises steps that added or removed one parameter of a C# method or constructor declaration, or of a type's
/// primary constructor (<c>record Money(decimal Amount)</c>, <c>class Cart(int id)</c>); syntax only.
/// The latest step must be inside a parameter list that is complete now; earlier steps of the document are undone one
/// by one while they are inside the same list, until the list before them is complete too (a parameter typed in
/// several pauses, <c>, int</c> then <c> scale</c>, is one change). Then the two lists must differ by exactly one
/// parameter: a changed name or type, or an incomplete list (<c>int</c> without a name, a missing <c>)</c>), is no change.
/// </summary>
public static class SignatureChangeDetector
{
    /// <summary>How many of the document's latest steps may together make up the change.</summary>
    public const int MaxSteps = 6;

    /// <param name="recentSteps">The document's latest steps, oldest first (more than <see cref="MaxSteps"/> are ignored).</param>
    /// <param name="current">The document now.</param>
    /// <param name="currentTree">Its syntax tree (of the same text), from the project so the parse options match.</param>
    public static SignatureChange? Detect(IReadOnlyList<EditStep> recentSteps, TextDocument current, SyntaxTree currentTree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recentSteps);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(currentTree);
        if (recentSteps.Count == 0 || recentSteps[^1] is not { } last || last.Version != current.Version || last.NewEnd > current.Text.Length)
        {
            return null;
        }

        var root = currentTree.GetRoot(cancellationToken);
        if (root.FullSpan.Length != current.Text.Length || EnclosingParameterList(root, last) is not { } list || !IsComplete(list))
        {
            return null;
        }

        var openParen = list.OpenParenToken.SpanStart;
        var text = currentTree.GetText(cancellationToken);
        var tree = currentTree;
        var atStep = list;
        for (var back = 1; back <= Math.Min(MaxSteps, recentSteps.Count); back++)
        {
            var step = recentSteps[^back];
            if (!string.Equals(step.Uri, last.Uri, StringComparison.Ordinal) || !IsInside(step, atStep)
                || step.NewEnd > text.Length || !string.Equals(text.ToString(new TextSpan(step.Start, step.NewText.Length)), step.NewText, StringComparison.Ordinal))
            {
                return null;
            }

            text = text.WithChanges(new TextChange(new TextSpan(step.Start, step.NewText.Length), step.OldText));
            tree = tree.WithChangedText(text);
            if (ParameterListAt(tree.GetRoot(cancellationToken), openParen) is not { } before
                || !before.Parent.IsKind(list.Parent!.Kind()) || !string.Equals(NameOf(before), NameOf(list), StringComparison.Ordinal))
            {
                return null;
            }

            if (IsComplete(before))
            {
                return Compare(before, list, text, current.Text.Length - text.Length);
            }

            atStep = before;
        }

        return null;
    }

    /// <summary>The parameter list of a method, constructor or primary constructor that holds the step's text now (strictly between its parentheses).</summary>
    private static ParameterListSyntax? EnclosingParameterList(SyntaxNode root, EditStep step)
    {
        var token = root.FindToken(Math.Min(step.Start, Math.Max(0, root.FullSpan.End - 1)));
        return token.Parent?.AncestorsAndSelf().OfType<ParameterListSyntax>().FirstOrDefault(IsSupported) is { } list && IsInside(step, list)
            ? list
            : null;
    }

    /// <summary>A method's or constructor's parameters, or a type's primary constructor's; not a lambda's, local function's, delegate's or operator's.</summary>
    private static bool IsSupported(ParameterListSyntax list) =>
        list.Parent is MethodDeclarationSyntax or ConstructorDeclarationSyntax || list.Parent is TypeDeclarationSyntax type && type.ParameterList == list;

    private static bool IsInside(EditStep step, ParameterListSyntax list) =>
        step.Start > list.OpenParenToken.SpanStart && !list.CloseParenToken.IsMissing && step.NewEnd <= list.CloseParenToken.SpanStart;

    private static ParameterListSyntax? ParameterListAt(SyntaxNode root, int openParen)
    {
        var token = root.FindToken(openParen);
        return token.IsKind(SyntaxKind.OpenParenToken) && token.SpanStart == openParen && token.Parent is ParameterListSyntax list && IsSupported(list)
            ? list
            : null;
    }

    private static string NameOf(ParameterListSyntax list) => list.Parent switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        TypeDeclarationSyntax type => type.Identifier.ValueText,
        _ => "",
    };

    /// <summary>Parsed without errors: both parentheses, and every parameter has a type and a name.</summary>
    private static bool IsComplete(ParameterListSyntax list) =>
        !list.ContainsDiagnostics && !list.OpenParenToken.IsMissing && !list.CloseParenToken.IsMissing
        && list.Parameters.All(parameter => parameter.Type is { IsMissing: false } && !parameter.Identifier.IsMissing && parameter.Identifier.ValueText.Length > 0);

    private static SignatureChange? Compare(ParameterListSyntax before, ParameterListSyntax after, SourceText textBefore, int delta)
    {
        var old = before.Parameters.Select(Normalized).ToList();
        var now = after.Parameters.Select(Normalized).ToList();
        var newList = after.NormalizeWhitespace().ToFullString();
        if (now.Count == old.Count + 1 && IndexOfExtra(now, old) is { } added)
        {
            return Change(SignatureChangeKind.ParameterAdded, added, after.Parameters[added]);
        }

        if (old.Count == now.Count + 1 && IndexOfExtra(old, now) is { } removed)
        {
            return Change(SignatureChangeKind.ParameterRemoved, removed, before.Parameters[removed]);
        }

        return null;

        SignatureChange Change(SignatureChangeKind kind, int ordinal, ParameterSyntax parameter) => new(
            kind,
            NameOf(after),
            ordinal,
            parameter.Identifier.ValueText,
            parameter.WithoutTrivia().ToString(),
            parameter.Default is not null || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword),
            newList,
            after.OpenParenToken.SpanStart,
            before.CloseParenToken.SpanStart,
            delta,
            textBefore);
    }

    private static string Normalized(ParameterSyntax parameter) => parameter.NormalizeWhitespace().ToFullString();

    /// <summary>The index whose removal from <paramref name="longer"/> leaves <paramref name="shorter"/>, or null.</summary>
    private static int? IndexOfExtra(List<string> longer, List<string> shorter)
    {
        var prefix = 0;
        while (prefix < shorter.Count && string.Equals(longer[prefix], shorter[prefix], StringComparison.Ordinal))
        {
            prefix++;
        }

        for (var i = prefix; i < shorter.Count; i++)
        {
            if (!string.Equals(longer[i + 1], shorter[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return prefix;
    }
}
