namespace Qoder.Lsp.Chat.Context;

/// <summary>An image attachment, passed to a multimodal model as an image.</summary>
public sealed record ContextImage(string Name, string MediaType, ReadOnlyMemory<byte> Data);
