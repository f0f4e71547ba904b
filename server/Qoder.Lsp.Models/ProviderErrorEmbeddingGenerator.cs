using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Models;

/// <summary>The embedding counterpart of <see cref="ProviderErrorChatClient"/>, likewise owned by the catalog (disposing does nothing).</summary>
internal sealed class ProviderErrorEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ProviderCallContext context)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            throw context.Fail(ex);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
    }
}
