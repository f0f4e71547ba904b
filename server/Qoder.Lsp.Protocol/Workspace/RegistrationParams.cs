namespace Qoder.Lsp.Protocol;

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);
