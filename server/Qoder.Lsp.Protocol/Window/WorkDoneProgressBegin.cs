namespace Qoder.Lsp.Protocol;

public sealed record WorkDoneProgressBegin
{
    public string Kind { get; } = "begin";
    public required string Title { get; init; }
    public bool? Cancellable { get; init; }
    public string? Message { get; init; }
    public int? Percentage { get; init; }
}
