namespace Qoder.Lsp.Protocol;

public sealed record WorkDoneProgressReport
{
    public string Kind { get; } = "report";
    public bool? Cancellable { get; init; }
    public string? Message { get; init; }
    public int? Percentage { get; init; }
}
