using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Completion;

/// <summary>A built prompt: the request to send and what the filters need to clean the answer.</summary>
public sealed record CompletionPrompt(FimRequest Request, bool Multiline, string Prefix, string Suffix, string LineIndent);
