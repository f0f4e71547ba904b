using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.CSharp.Definitions;

/// <summary>
/// Renders declarations as compact skeletons for a prompt: a type's declaration line and its members' signatures,
/// method bodies elided as <c>{ ... }</c>, property accessors kept, one short line of XML doc summary. Built from the
/// tokens (not the text), so comments, attributes and line breaks inside a signature disappear.
/// </summary>
internal static class SignatureSkeleton
{
    /// <summary>Members shown per type; a model needs the shape, not a thousand-member listing.</summary>
    public const int MaxMembersPerType = 40;

    /// <summary>Doc summaries longer than this are cut; the first sentence is what helps.</summary>
    public const int MaxSummaryLength = 120;

    private const string Indent = "    ";

    public static string RenderType(BaseTypeDeclarationSyntax type)
    {
        var text = new StringBuilder();
        AppendSummary(text, type, "");
        text.Append(Header(type)).Append('\n').Append("{\n");
        if (type is EnumDeclarationSyntax enumeration)
        {
            foreach (var member in enumeration.Members.Take(MaxMembersPerType))
            {
                text.Append(Indent).Append(Tokens(member, member.Identifier.SpanStart, member.Span.End)).Append(",\n");
            }

            AppendOmitted(text, enumeration.Members.Count);
        }
        else if (type is TypeDeclarationSyntax declaration)
        {
            var isInterface = declaration is InterfaceDeclarationSyntax;
            var shown = declaration.Members.Where(member => IsVisibleOutside(member, isInterface)).ToList();
            foreach (var member in shown.Take(MaxMembersPerType))
            {
                if (RenderMember(member) is { } line)
                {
                    AppendSummary(text, member, Indent);
                    text.Append(Indent).Append(line).Append('\n');
                }
            }

            AppendOmitted(text, shown.Count);
        }

        return text.Append('}').ToString();
    }

    public static string RenderDelegate(DelegateDeclarationSyntax declaration)
    {
        var text = new StringBuilder();
        AppendSummary(text, declaration, "");
        return text.Append(RenderMember(declaration)).ToString();
    }

    /// <summary>A method's (or constructor's, operator's) signature with its body elided.</summary>
    public static string RenderMethod(BaseMethodDeclarationSyntax method)
    {
        var text = new StringBuilder();
        AppendSummary(text, method, "");
        return text.Append(RenderMember(method)).ToString();
    }

    private static string? RenderMember(MemberDeclarationSyntax member)
    {
        var start = StartAfterAttributes(member);
        switch (member)
        {
            case MethodDeclarationSyntax method:
                return Tokens(member, start, method.ConstraintClauses.LastOrDefault()?.Span.End ?? method.ParameterList.Span.End) + Body(method);
            case BaseMethodDeclarationSyntax other:
                return Tokens(member, start, other.ParameterList.Span.End) + Body(other);
            case PropertyDeclarationSyntax property:
                return Tokens(member, start, property.Identifier.Span.End) + " " + Accessors(property.AccessorList, property.ExpressionBody);
            case IndexerDeclarationSyntax indexer:
                return Tokens(member, start, indexer.ParameterList.Span.End) + " " + Accessors(indexer.AccessorList, indexer.ExpressionBody);
            case FieldDeclarationSyntax field:
                return Field(field, start);
            case EventFieldDeclarationSyntax eventField:
                return Tokens(member, start, eventField.Declaration.Span.End) + ";";
            case EventDeclarationSyntax eventDeclaration:
                return Tokens(member, start, eventDeclaration.Identifier.Span.End) + ";";
            case BaseTypeDeclarationSyntax nested:
                return Header(nested) + " { ... }";
            case DelegateDeclarationSyntax declaration:
                return Tokens(member, start, declaration.ConstraintClauses.LastOrDefault()?.Span.End ?? declaration.ParameterList.Span.End) + ";";
            default:
                return null;
        }
    }

    private static string Header(BaseTypeDeclarationSyntax type)
    {
        var end = type.Identifier.Span.End;
        if (type is TypeDeclarationSyntax declaration)
        {
            end = Math.Max(end, declaration.TypeParameterList?.Span.End ?? 0);
            end = Math.Max(end, declaration.ParameterList?.Span.End ?? 0);
            end = Math.Max(end, declaration.ConstraintClauses.LastOrDefault()?.Span.End ?? 0);
        }

        end = Math.Max(end, type.BaseList?.Span.End ?? 0);
        return Tokens(type, StartAfterAttributes(type), end);
    }

    private static string Body(BaseMethodDeclarationSyntax method) =>
        method.Body is not null || method.ExpressionBody is not null ? " { ... }" : ";";

    private static string Accessors(AccessorListSyntax? accessors, ArrowExpressionClauseSyntax? expressionBody)
    {
        if (accessors is null)
        {
            return expressionBody is not null ? "{ get; }" : "{ }";
        }

        var text = new StringBuilder("{ ");
        foreach (var accessor in accessors.Accessors)
        {
            foreach (var modifier in accessor.Modifiers)
            {
                text.Append(modifier.Text).Append(' ');
            }

            text.Append(accessor.Keyword.Text).Append("; ");
        }

        return text.Append('}').ToString();
    }

    /// <summary>Fields keep constant values (they are the point of a constant) and drop other initializers.</summary>
    private static string Field(FieldDeclarationSyntax field, int start)
    {
        var isConst = field.Modifiers.Any(SyntaxKind.ConstKeyword);
        var head = Tokens(field, start, field.Declaration.Type.Span.End);
        var variables = field.Declaration.Variables.Select(variable =>
            isConst && variable.Initializer is not null
                ? Tokens(field, variable.SpanStart, variable.Span.End)
                : variable.Identifier.Text);
        return $"{head} {string.Join(", ", variables)};";
    }

    /// <summary>
    /// Private members are left out (code outside the type cannot use them); interface members and enum values are
    /// public unless stated otherwise.
    /// </summary>
    private static bool IsVisibleOutside(MemberDeclarationSyntax member, bool isInterface)
    {
        var modifiers = member.Modifiers;
        if (modifiers.Any(SyntaxKind.PrivateKeyword) && !modifiers.Any(SyntaxKind.ProtectedKeyword))
        {
            return false;
        }

        // Explicit interface implementations are reachable only through the interface, which is rendered on its own.
        if (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null }
            or PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null })
        {
            return false;
        }

        return isInterface
            || modifiers.Any(SyntaxKind.PublicKeyword) || modifiers.Any(SyntaxKind.InternalKeyword) || modifiers.Any(SyntaxKind.ProtectedKeyword);
    }

    private static void AppendOmitted(StringBuilder text, int total)
    {
        if (total > MaxMembersPerType)
        {
            text.Append(Indent).Append("// ... ").Append(total - MaxMembersPerType).Append(" more members\n");
        }
    }

    private static void AppendSummary(StringBuilder text, SyntaxNode node, string indent)
    {
        var documentation = node.GetLeadingTrivia()
            .Select(trivia => trivia.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .FirstOrDefault();
        var summary = documentation?.Content.OfType<XmlElementSyntax>().FirstOrDefault(element => element.StartTag.Name.LocalName.Text == "summary");
        if (summary is null)
        {
            return;
        }

        var words = new StringBuilder();
        AppendXmlText(words, summary.Content);
        var line = string.Join(' ', words.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0)
        {
            return;
        }

        if (line.Length > MaxSummaryLength)
        {
            line = string.Concat(line.AsSpan(0, MaxSummaryLength - 3).TrimEnd(), "...");
        }

        text.Append(indent).Append("/// ").Append(line).Append('\n');
    }

    private static void AppendXmlText(StringBuilder words, SyntaxList<XmlNodeSyntax> content)
    {
        foreach (var node in content)
        {
            switch (node)
            {
                case XmlTextSyntax xmlText:
                    foreach (var token in xmlText.TextTokens.Where(token => token.IsKind(SyntaxKind.XmlTextLiteralToken)))
                    {
                        words.Append(token.Text);
                    }

                    words.Append(' ');
                    break;
                case XmlEmptyElementSyntax empty:
                    // <see cref="Order"/>, <paramref name="x"/>, <see langword="null"/>: the referenced name reads as a word.
                    foreach (var attribute in empty.Attributes)
                    {
                        words.Append(' ').Append(attribute switch
                        {
                            XmlCrefAttributeSyntax cref => cref.Cref.ToString(),
                            XmlNameAttributeSyntax name => name.Identifier.ToString(),
                            XmlTextAttributeSyntax text => string.Concat(text.TextTokens.Select(token => token.Text)),
                            _ => "",
                        }).Append(' ');
                    }

                    break;
                case XmlElementSyntax element:
                    AppendXmlText(words, element.Content);
                    break;
            }
        }
    }

    private static int StartAfterAttributes(MemberDeclarationSyntax member) =>
        member.AttributeLists.Count == 0 ? member.SpanStart : member.AttributeLists.Last().GetLastToken().GetNextToken().SpanStart;

    /// <summary>The tokens of <paramref name="node"/> within [start, end), separated by one space where there was any trivia.</summary>
    private static string Tokens(SyntaxNode node, int start, int end)
    {
        var text = new StringBuilder();
        var previousHadTrailing = false;
        foreach (var token in node.DescendantTokens(TextSpan.FromBounds(start, Math.Max(start, end))))
        {
            if (token.SpanStart < start || token.Span.End > end || token.IsMissing)
            {
                continue;
            }

            if (text.Length > 0 && (previousHadTrailing || token.HasLeadingTrivia))
            {
                text.Append(' ');
            }

            text.Append(token.Text);
            previousHadTrailing = token.HasTrailingTrivia;
        }

        return text.ToString();
    }
}
