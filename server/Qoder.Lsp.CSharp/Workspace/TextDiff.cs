using Microsoft.CodeAnalysis.Text;

namespace Qoder.Lsp.CSharp.Workspace;

/// <summary>
/// A new text expressed as one change to an old <see cref="SourceText"/>, so Roslyn re-parses only the changed region
/// (its incremental parser needs the change ranges, which two unrelated texts do not carry).
/// </summary>
internal static class TextDiff
{
    public static SourceText Apply(SourceText oldSourceText, string oldText, string newText)
    {
        var prefix = oldText.AsSpan().CommonPrefixLength(newText);
        var maxSuffix = Math.Min(oldText.Length, newText.Length) - prefix;
        var suffix = 0;
        while (suffix < maxSuffix && oldText[oldText.Length - 1 - suffix] == newText[newText.Length - 1 - suffix])
        {
            suffix++;
        }

        var replaced = new TextSpan(prefix, oldText.Length - prefix - suffix);
        return oldSourceText.WithChanges(new TextChange(replaced, newText.Substring(prefix, newText.Length - prefix - suffix)));
    }
}
