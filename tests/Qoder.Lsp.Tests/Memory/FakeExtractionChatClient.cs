using Microsoft.Extensions.AI;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>A chat model that answers each call with the next scripted text and records the messages it was sent.</summary>
internal sealed class FakeExtractionChatClient(params string[] answers) : IChatClient
{
    private readonly Queue<string> _answers = new(answers);

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>Runs before answering (e.g. to change settings while the model "thinks").</summary>
    public Action? BeforeAnswer { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add([.. messages]);
        BeforeAnswer?.Invoke();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, _answers.Count > 0 ? _answers.Dequeue() : "{\"memories\":[]}")));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The learner asks for one whole answer.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
