using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Core.Models;

/// <summary>
/// The models the current settings provide, by role and tier. Feature engines ask here and get an
/// abstraction or a <see cref="ModelNotConfiguredException"/> whose message tells the user what to configure.
/// </summary>
public interface IModelCatalog
{
    IChatClient GetChatClient(ModelRole role);

    /// <summary>A tier (auto, ultimate, performance, efficient, lite) or a specific configured model name.</summary>
    IChatClient GetChatClientForTier(string tierOrModel);

    ITextCompletionClient GetCompletionClient();

    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator();

    IReadOnlyList<ModelStatus> GetStatus();

    /// <summary>Asks each configured provider whether it answers (e.g. GET /v1/models), updating <see cref="GetStatus"/>.</summary>
    Task<IReadOnlyList<ModelStatus>> ProbeAsync(CancellationToken cancellationToken);
}
