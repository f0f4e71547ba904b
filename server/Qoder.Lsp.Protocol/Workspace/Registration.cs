namespace Qoder.Lsp.Protocol;

public sealed record Registration(string Id, string Method, object? RegisterOptions);
