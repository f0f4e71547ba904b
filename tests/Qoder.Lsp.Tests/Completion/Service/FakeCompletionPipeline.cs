using System.Runtime.CompilerServices;
using Qoder.Lsp.Completion;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>A transparent pipeline: the prompt is the raw prefix/suffix and the answer is shown as the model sent it (minus trailing whitespace).</summary>
internal sealed class FakeCompletionPipeline : ICompletionPipeline
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _prepared = new();

    /// <summary>The input of the latest prompt built, with the context snippets it was given.</summary>
    public CompletionInput? LastInput { get; private set; }

    public CompletionPrompt? BuildPrompt(CompletionInput input, string modelName)
    {
        LastInput = input;
        return new(new FimRequest(input.Text[..input.Offset], input.Text[input.Offset..]), Multiline: false, input.Text[..input.Offset], input.Text[input.Offset..], string.Empty);
    }

    /// <summary>The document texts <see cref="Prepare"/> was asked for, in order.</summary>
    public IReadOnlyList<string> Prepared => [.. _prepared];

    /// <summary>What <see cref="Prepare"/> answers: false is a document that could not be prepared yet.</summary>
    public bool CanPrepare { get; set; } = true;

    public bool Prepare(CompletionInput input)
    {
        _prepared.Enqueue(input.DocumentText);
        return CanPrepare;
    }

    public async IAsyncEnumerable<string> StopEarly(IAsyncEnumerable<string> stream, CompletionPrompt prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var piece in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return piece;
        }
    }

    public string? PostProcess(string completion, CompletionPrompt prompt) => completion.TrimEnd() is { Length: > 0 } text ? text : null;
}
