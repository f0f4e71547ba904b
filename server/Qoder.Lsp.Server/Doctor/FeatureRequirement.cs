using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Server.Doctor;

/// <summary>A user-visible feature, the model role it needs (null = none) and whether this build has it yet.</summary>
internal sealed record FeatureRequirement(string Name, ModelRole? Role, bool Built);
