namespace Qoder.Lsp.Protocol;

public sealed record ExecuteCommandOptions(IReadOnlyList<string> Commands);
