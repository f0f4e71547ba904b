using System.ClientModel.Primitives;

namespace Qoder.Lsp.Models;

/// <summary>
/// The OpenAI SDK insists on a credential; local servers (Ollama, vLLM, llama.cpp, LM Studio) need none, and
/// sending a made-up bearer token confuses gateways that do check. This policy sends no Authorization header.
/// </summary>
#pragma warning disable OPENAI001 // Experimental in the SDK; the only supported way to authenticate with nothing.
internal sealed class NoAuthenticationPolicy : AuthenticationPolicy
#pragma warning restore OPENAI001
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNext(message, pipeline, currentIndex);

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNextAsync(message, pipeline, currentIndex);
}
