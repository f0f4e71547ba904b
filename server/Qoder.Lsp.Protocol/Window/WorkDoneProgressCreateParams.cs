namespace Qoder.Lsp.Protocol;

public sealed record WorkDoneProgressCreateParams(ProgressToken Token);
