using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Models;

/// <summary>A role or tier bound to a concrete provider and model. <see cref="Label"/> names it in messages ("chat", "tier 'auto'").</summary>
internal sealed record ResolvedModel(string Label, ProviderEndpoint Provider, ModelSettings Settings, string Model);
