namespace Qoder.Lsp.Completion.Service;

/// <summary>Texts the model produced at one spot; <see cref="Invoked"/> entries hold the alternatives an invoked trigger asked for.</summary>
internal sealed record CachedCompletion(IReadOnlyList<string> Texts, bool Invoked);
