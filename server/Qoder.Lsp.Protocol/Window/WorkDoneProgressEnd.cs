namespace Qoder.Lsp.Protocol;

public sealed record WorkDoneProgressEnd
{
    public string Kind { get; } = "end";
    public string? Message { get; init; }
}
