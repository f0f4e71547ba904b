using System.Text;
using System.Text.RegularExpressions;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;
using Qoder.Lsp.NextEdit.Imports;

namespace Qoder.Lsp.NextEdit.Documentation;

/// <summary>
/// <c>/**</c> typed on the line above a TypeScript/JavaScript or Java function, method or constructor (with or without
/// the <c> */</c> the client closes it with) → the whole skeleton: JSDoc with <c>@param</c> per parameter and
/// <c>@returns</c> when it returns a value; Javadoc with <c>@param &lt;T&gt;</c>, <c>@param</c>, <c>@return</c> unless
/// void and <c>@throws</c> per declared exception. The declaration is read by hand (no parser, no workspace), so it
/// answers at once; an existing comment is left alone.
/// </summary>
public static partial class DocBlockCommentPredictor
{
    public static NextEditTextEdit? Predict(EditStep? step, TextDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var isJava = string.Equals(current.LanguageId, "java", StringComparison.OrdinalIgnoreCase) || current.Uri.EndsWith(".java", StringComparison.OrdinalIgnoreCase);
        if (step is null || step.Version != current.Version || !step.NewText.Contains('*')
            || !(isJava || TypeScriptModulePaths.IsModule(current.LanguageId, current.Uri)))
        {
            return null;
        }

        var line = current.PositionOf(step.NewEnd).Line;
        var lineText = current.GetLineText(line);
        var opening = BareOpening().Match(lineText.Trim());
        if (!opening.Success)
        {
            return null;
        }

        // The client may have closed the comment on the next line instead (`/**` Enter → ` */`).
        var lastLine = line;
        if (!opening.Groups["close"].Success && line + 1 < current.LineCount && current.GetLineText(line + 1).Trim() == "*/")
        {
            lastLine = line + 1;
        }

        // Only a bare opening outside other comments: a comment already written (or being written) is left alone.
        var lineStart = current.OffsetOf(new LinePosition(line, 0));
        if (lastLine + 1 >= current.LineCount || current.GetLineText(lastLine + 1).Trim().Length == 0 || IsInsideComment(current.Text, lineStart))
        {
            return null;
        }

        var declarationStart = current.OffsetOf(new LinePosition(lastLine + 1, 0));
        var masked = TypeScriptSourceMask.Mask(current.Text[declarationStart..]);
        var declaration = isJava ? DocBlockJavaParser.Parse(masked) : DocBlockTypeScriptParser.Parse(masked);
        if (declaration is null)
        {
            return null;
        }

        var declarationLine = current.GetLineText(lastLine + 1);
        var indent = declarationLine[..(declarationLine.Length - declarationLine.TrimStart().Length)];
        var lines = new List<string> { "/**", " * " };
        lines.AddRange(declaration.TypeParameters.Select(name => " * @param " + name));
        lines.AddRange(declaration.Parameters.Select(name => " * @param " + name));
        if (declaration.Returns)
        {
            lines.Add(isJava ? " * @return" : " * @returns");
        }

        lines.AddRange(declaration.Throws.Select(type => " * @throws " + type));
        lines.Add(" */");
        var skeleton = new StringBuilder();
        foreach (var text in lines)
        {
            skeleton.Append(skeleton.Length == 0 ? "" : "\n").Append(indent).Append(text);
        }

        return new NextEditTextEdit(current.Uri, current.Version, new LineRange(line, 0, lastLine, current.GetLineText(lastLine).Length), skeleton.ToString());
    }

    /// <summary>Whether <paramref name="offset"/> lies inside a block comment opened before it (the user's <c>/**</c> would then be prose).</summary>
    private static bool IsInsideComment(string text, int offset)
    {
        var masked = TypeScriptSourceMask.Mask(text[..offset] + "x");
        return offset < masked.Length && masked[offset] == ' ';
    }

    [GeneratedRegex(@"^/\*\*(?:\s*(?<close>\*/))?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareOpening();
}
