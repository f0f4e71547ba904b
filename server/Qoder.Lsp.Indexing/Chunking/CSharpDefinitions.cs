using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Qoder.Lsp.Indexing.Chunking;

/// <summary>C# definitions from Roslyn's syntax tree (no compilation: fast and independent of the project's references).</summary>
internal static class CSharpDefinitions
{
    public static List<Definition> Find(string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text);
        var sourceText = tree.GetText();
        var definitions = new List<Definition>();
        foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            var (name, kind, nameToken) = Describe(node);
            if (name is null)
            {
                continue;
            }

            // Doc comments and attributes belong to the member they describe.
            var start = sourceText.Lines.GetLineFromPosition(node.FullSpan.Start).LineNumber;
            var nameLine = sourceText.Lines.GetLineFromPosition(nameToken.SpanStart).LineNumber;
            while (start < nameLine && string.IsNullOrWhiteSpace(sourceText.Lines[start].ToString()))
            {
                start++;
            }

            var end = sourceText.Lines.GetLineFromPosition(Math.Max(node.Span.Start, node.Span.End - 1)).LineNumber;
            definitions.Add(new Definition(name, kind, nameLine, start, end));
        }

        return Definition.Nest([.. definitions.OrderBy(definition => definition.Start).ThenByDescending(definition => definition.End)]);
    }

    private static (string? Name, string Kind, SyntaxToken Token) Describe(SyntaxNode node) => node switch
    {
        ClassDeclarationSyntax type => (type.Identifier.ValueText, "class", type.Identifier),
        StructDeclarationSyntax type => (type.Identifier.ValueText, "struct", type.Identifier),
        InterfaceDeclarationSyntax type => (type.Identifier.ValueText, "interface", type.Identifier),
        RecordDeclarationSyntax type => (type.Identifier.ValueText, "record", type.Identifier),
        EnumDeclarationSyntax type => (type.Identifier.ValueText, "enum", type.Identifier),
        DelegateDeclarationSyntax member => (member.Identifier.ValueText, "delegate", member.Identifier),
        MethodDeclarationSyntax member => (member.Identifier.ValueText, "method", member.Identifier),
        ConstructorDeclarationSyntax member => (member.Identifier.ValueText, "constructor", member.Identifier),
        PropertyDeclarationSyntax member => (member.Identifier.ValueText, "property", member.Identifier),
        EventDeclarationSyntax member => (member.Identifier.ValueText, "event", member.Identifier),
        IndexerDeclarationSyntax member => ("this[]", "indexer", member.ThisKeyword),
        OperatorDeclarationSyntax member => ("operator " + member.OperatorToken.ValueText, "operator", member.OperatorToken),
        BaseFieldDeclarationSyntax { Declaration.Variables: [var first, ..] } => (first.Identifier.ValueText, node is EventFieldDeclarationSyntax ? "event" : "field", first.Identifier),
        _ => (null, "", default),
    };
}
