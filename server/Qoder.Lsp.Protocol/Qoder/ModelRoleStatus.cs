namespace Qoder.Lsp.Protocol;

/// <summary><see cref="Availability"/>: notConfigured, unknown, reachable, unreachable.</summary>
public sealed record ModelRoleStatus(string Role, string? Provider, string? Model, string Availability, string? Message);
