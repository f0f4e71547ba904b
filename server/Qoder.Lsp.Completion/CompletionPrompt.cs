using Qoder.Lsp.Completion.Pipeline;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Completion;

/// <summary>A built prompt: the request to send and what the filters need to clean the answer.</summary>
public sealed record CompletionPrompt(FimRequest Request, bool Multiline, string Prefix, string Suffix, string LineIndent)
{
    /// <summary>The longest suggestion wanted; the stream stopper ends the answer there.</summary>
    public CompletionLength MaxLength { get; init; }
}
