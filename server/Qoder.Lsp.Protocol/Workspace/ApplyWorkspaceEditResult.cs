namespace Qoder.Lsp.Protocol;

public sealed record ApplyWorkspaceEditResult
{
    public bool Applied { get; init; }
    public string? FailureReason { get; init; }
    public int? FailedChange { get; init; }
}
