using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.CSharp;
using Qoder.Lsp.CSharp.Definitions;

namespace Qoder.Lsp.Server;

/// <summary>
/// The context of a completion prompt: in C# files, the definitions of the symbols used near the cursor (Roslyn over
/// the workspace's projects) come first, then snippets of recently viewed and edited files similar to the code at the
/// cursor. The C# workspace starts loading on the first C# completion, so sessions without C# never pay for Roslyn.
/// </summary>
internal sealed class CompletionContextSource(RecentFilesContextSource recentFiles, CSharpWorkspace csharp, CSharpDefinitionFinder definitions) : ICompletionContextSource
{
    /// <summary>About 500 tokens of definitions; the pipeline's snippet budget trims the total.</summary>
    private const int DefinitionChars = 2000;

    public async ValueTask<IReadOnlyList<ContextSnippet>> GetSnippetsAsync(CompletionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var similar = await recentFiles.GetSnippetsAsync(input, cancellationToken).ConfigureAwait(false);
        if (input.FilePath is null || !string.Equals(input.LanguageId, "csharp", StringComparison.Ordinal))
        {
            return similar;
        }

        csharp.Start();
        var found = await definitions.FindDefinitionsAsync(input.FilePath, input.Text, input.Offset, DefinitionChars, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? similar : [.. found.Select(definition => new ContextSnippet(definition.FilePath, definition.Text)), .. similar];
    }
}
