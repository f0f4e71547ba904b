namespace Qoder.Lsp.Protocol;

public sealed record DynamicRegistrationCapability
{
    public bool? DynamicRegistration { get; init; }
}
