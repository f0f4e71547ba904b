using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;
using LinePosition = Qoder.Lsp.Core.Text.LinePosition;
using TextDocument = Qoder.Lsp.Core.Text.TextDocument;

namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>
/// <c>///</c> typed on the line above a C# member → the whole doc comment skeleton: summary, the type parameters and
/// parameters by name, and <c>returns</c> for a member that returns a value. Syntax only (no workspace, no model), so
/// it answers at once; descriptions are left for the user (or, later, a model) to fill.
/// </summary>
public static class CSharpDocCommentPredictor
{
    public static NextEditTextEdit? Predict(EditStep? step, TextDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (step is null || step.Version != current.Version || !step.NewText.EndsWith('/'))
        {
            return null;
        }

        var line = current.PositionOf(step.NewEnd).Line;
        var lineText = current.GetLineText(line);
        if (lineText.Trim() != "///")
        {
            return null;
        }

        var root = CSharpSyntaxTree.ParseText(current.Text).GetRoot();
        var lineEnd = current.OffsetOf(new LinePosition(line, lineText.Length));
        var token = root.FindToken(lineEnd);
        var member = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (member is null || member.GetFirstToken() != token || token.SpanStart <= lineEnd)
        {
            return null;
        }

        // Only a bare "///": a comment the user already wrote (or another line of it) is left alone.
        var documentation = token.LeadingTrivia.Where(trivia => trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)).ToList();
        if (documentation.Count != 1 || documentation[0].ToFullString().Trim() != "///")
        {
            return null;
        }

        var indent = lineText[..(lineText.Length - lineText.TrimStart().Length)];
        var skeleton = new StringBuilder();
        skeleton.Append(indent).Append("/// <summary>\n").Append(indent).Append("/// \n").Append(indent).Append("/// </summary>");
        foreach (var typeParameter in TypeParameters(member))
        {
            skeleton.Append('\n').Append(indent).Append("/// <typeparam name=\"").Append(typeParameter).Append("\"></typeparam>");
        }

        foreach (var parameter in Parameters(member))
        {
            skeleton.Append('\n').Append(indent).Append("/// <param name=\"").Append(parameter).Append("\"></param>");
        }

        if (ReturnsValue(member))
        {
            skeleton.Append('\n').Append(indent).Append("/// <returns></returns>");
        }

        return new NextEditTextEdit(current.Uri, current.Version, new LineRange(line, 0, line, lineText.Length), skeleton.ToString());
    }

    private static IEnumerable<string> TypeParameters(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.TypeParameterList?.Parameters.Select(parameter => parameter.Identifier.ValueText) ?? [],
        TypeDeclarationSyntax type => type.TypeParameterList?.Parameters.Select(parameter => parameter.Identifier.ValueText) ?? [],
        DelegateDeclarationSyntax @delegate => @delegate.TypeParameterList?.Parameters.Select(parameter => parameter.Identifier.ValueText) ?? [],
        _ => [],
    };

    private static IEnumerable<string> Parameters(MemberDeclarationSyntax member) => member switch
    {
        BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.Select(parameter => parameter.Identifier.ValueText),
        IndexerDeclarationSyntax indexer => indexer.ParameterList.Parameters.Select(parameter => parameter.Identifier.ValueText),
        TypeDeclarationSyntax { ParameterList: { } primary } => primary.Parameters.Select(parameter => parameter.Identifier.ValueText),
        DelegateDeclarationSyntax @delegate => @delegate.ParameterList.Parameters.Select(parameter => parameter.Identifier.ValueText),
        _ => [],
    };

    private static bool ReturnsValue(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => !(method.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)),
        OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax or IndexerDeclarationSyntax => true,
        DelegateDeclarationSyntax @delegate => !(@delegate.ReturnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)),
        _ => false,
    };
}
