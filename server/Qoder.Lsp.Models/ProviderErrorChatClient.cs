using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Models;

/// <summary>
/// Sits right above the SDK client so that every layer above it (function invocation, the engines) sees only
/// <see cref="ModelProviderException"/>s that name the role, provider and model, never raw SDK exceptions that
/// might carry a key. Disposing it does nothing: the catalog owns the SDK clients and their shared HTTP stack, and
/// a feature that wraps the catalog's client in its own pipeline and disposes that must not close them.
/// </summary>
internal sealed class ProviderErrorChatClient(IChatClient inner, ProviderCallContext context) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            throw context.Fail(ex);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = inner.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
        {
            throw context.Fail(ex);
        }

        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = enumerator.Current;
                }
                catch (Exception ex) when (ProviderCallContext.ShouldWrap(ex, cancellationToken))
                {
                    throw context.Fail(ex);
                }

                yield return update;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
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
