namespace Qoder.Lsp.Protocol;

public sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);
