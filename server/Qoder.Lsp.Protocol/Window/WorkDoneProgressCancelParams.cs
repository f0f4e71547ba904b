namespace Qoder.Lsp.Protocol;

public sealed record WorkDoneProgressCancelParams(ProgressToken Token);
