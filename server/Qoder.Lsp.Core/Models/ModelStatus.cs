namespace Qoder.Lsp.Core.Models;

/// <summary>Whether a role has a model, and whether it answered the last time we asked. Never carries secrets.</summary>
public sealed record ModelStatus(ModelRole Role, string? Provider, string? Model, ModelAvailability Availability, string? Message);
