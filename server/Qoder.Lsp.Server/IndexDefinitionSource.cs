using System.Text.RegularExpressions;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Server;

/// <summary>
/// Completion context for languages without a Roslyn-grade resolver: the definitions (their first lines, from the
/// workspace index's symbols) of the identifiers used just before the cursor, closest first, when another file
/// defines them. Bounded in time like the C# lookup: what is found within the budget, never late.
/// </summary>
internal sealed partial class IndexDefinitionSource(Func<IndexService> index, TimeSpan budget)
{
    private const int NearbyLines = 15;
    private const int MaxIdentifiers = 8;
    private const int MaxChars = 2000;

    // Words that are syntax in the common languages, never definitions worth looking up.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "function", "return", "const", "let", "var", "class", "interface", "import", "export", "from", "default", "async", "await",
        "new", "this", "self", "def", "elif", "else", "for", "while", "if", "switch", "case", "break", "continue", "try", "catch",
        "finally", "throw", "raise", "with", "pass", "lambda", "yield", "func", "package", "struct", "type", "enum", "public",
        "private", "protected", "static", "void", "int", "string", "bool", "boolean", "number", "true", "false", "null", "None",
        "True", "False", "undefined", "nil", "not", "and", "the", "impl", "pub", "mut", "fn", "use", "mod", "match", "extends",
        "implements", "super", "final", "override", "readonly", "typeof", "instanceof", "delete", "any", "unknown",
    };

    public async Task<IReadOnlyList<ContextSnippet>> FindAsync(CompletionInput input, CancellationToken cancellationToken)
    {
        var snippets = new List<ContextSnippet>();
        var service = index();
        if (input.FilePath is null || service.State == IndexState.Disabled)
        {
            return snippets;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(budget);
        var used = 0;
        try
        {
            foreach (var name in IdentifiersBefore(input.Text, input.Offset))
            {
                var hits = await service.SearchAsync(new SearchRequest(name, SearchKind.Symbol, Limit: 3), bounded.Token).ConfigureAwait(false);
                if (hits.FirstOrDefault(hit => hit.Symbol == name && !DocumentUris.PathComparer.Equals(hit.FullPath, input.FilePath)) is not { } definition)
                {
                    continue;
                }

                if (used + definition.Snippet.Length > MaxChars)
                {
                    break;
                }

                snippets.Add(new ContextSnippet(definition.FullPath, definition.Snippet));
                used += definition.Snippet.Length;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The budget is spent: what was found so far still helps.
        }

        return snippets;
    }

    /// <summary>Distinct identifiers of the lines before the cursor (and the cursor's line up to it), the closest first.</summary>
    internal static IReadOnlyList<string> IdentifiersBefore(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var start = offset;
        for (var lines = 0; start > 0 && lines <= NearbyLines; start--)
        {
            if (text[start - 1] == '\n')
            {
                lines++;
            }
        }

        var words = Identifier().Matches(text[start..offset]).Select(match => match.Value).Reverse();
        return [.. words.Where(word => word.Length >= 3 && !Keywords.Contains(word)).Distinct(StringComparer.Ordinal).Take(MaxIdentifiers)];
    }

    [GeneratedRegex(@"[A-Za-z_$][A-Za-z0-9_$]*", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
