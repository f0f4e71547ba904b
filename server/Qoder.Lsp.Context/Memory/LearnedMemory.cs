namespace Qoder.Lsp.Context.Memory;

/// <summary>A memory candidate the model proposed, before deduplication.</summary>
internal sealed record LearnedMemory(string Content, string? Category, MemoryScope Scope);
