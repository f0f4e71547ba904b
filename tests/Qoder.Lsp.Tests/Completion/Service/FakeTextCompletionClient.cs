using System.Runtime.CompilerServices;
using Qoder.Lsp.Core.Models;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>Answers each call with <see cref="Answer"/> and records it; <see cref="Called"/> lets a test await the next call without sleeping.</summary>
internal sealed class FakeTextCompletionClient : ITextCompletionClient
{
    private readonly Lock _gate = new();
    private readonly List<FimRequest> _calls = [];
    private TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ModelId => "fake-fim";

    public string Answer { get; set; } = "return 42;";

    public IReadOnlyList<FimRequest> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Completes at the next call after it was read.</summary>
    public Task Called
    {
        get
        {
            lock (_gate)
            {
                return _called.Task;
            }
        }
    }

    public async IAsyncEnumerable<string> StreamAsync(FimRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TaskCompletionSource called;
        lock (_gate)
        {
            _calls.Add(request);
            called = _called;
            _called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        called.TrySetResult();
        await Task.Yield();
        yield return Answer;
    }
}
