using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>A catalog with only a completion model (or none, when <see cref="Completion"/> is null).</summary>
internal sealed class FakeModelCatalog(ITextCompletionClient? completion) : IModelCatalog
{
    public ITextCompletionClient? Completion { get; } = completion;

    public ITextCompletionClient GetCompletionClient() => Completion ?? throw new ModelNotConfiguredException(ModelRole.Completion);

    public IChatClient GetChatClient(ModelRole role) => throw new ModelNotConfiguredException(role);

    public IChatClient GetChatClientForTier(string tierOrModel) => throw new ModelNotConfiguredException(ModelRole.Chat);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator() => throw new ModelNotConfiguredException(ModelRole.Embeddings);

    public IReadOnlyList<ModelStatus> GetStatus() => [];

    public Task<IReadOnlyList<ModelStatus>> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ModelStatus>>([]);
}
