namespace Qoder.Lsp.Core.Models;

public enum ModelAvailability
{
    /// <summary>No model is configured for the role.</summary>
    NotConfigured,
    /// <summary>Configured, not probed yet.</summary>
    Unknown,
    Reachable,
    Unreachable,
}
