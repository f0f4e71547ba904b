using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Models;

/// <summary>The outcome of asking one provider for its model list; <see cref="ListedModels"/> is null when it gave none.</summary>
internal sealed record ProviderProbeResult(ModelAvailability Availability, string Message, IReadOnlySet<string>? ListedModels);
