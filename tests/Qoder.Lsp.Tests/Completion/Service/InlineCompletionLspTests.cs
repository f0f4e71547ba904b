using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>textDocument/inlineCompletion and its notifications through the real server, in memory, against the fake model server over real HTTP.</summary>
public sealed class InlineCompletionLspTests : WithFakeModelServer
{
    private const string Uri = "file:///repo/Program.cs";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    [Test]
    public async Task The_server_advertises_inline_completion_and_the_accept_command()
    {
        await using var session = await InMemoryLspSession.StartAsync();
        var result = await session.InitializeAsync();

        Assert.That(result.Capabilities.InlineCompletionProvider, Is.Not.Null);
        Assert.That(result.Capabilities.ExecuteCommandProvider!.Commands, Does.Contain("qoder.didAcceptCompletion"));
        Assert.That(result.Capabilities.Experimental.Qoder!.Methods, Does.Contain(QoderMethods.DidShowCompletion).And.Contain(QoderMethods.DidPartiallyAcceptCompletion));
    }

    [Test]
    public async Task A_single_line_completion_inserts_at_the_cursor_with_an_accept_command()
    {
        Server.DefaultReply = FakeReply.Text("4", "2;");
        await using var session = await StartAsync();
        await OpenAsync(session, "var x = \nreturn x;\n");

        var items = await CompleteAsync(session, line: 0, character: 8);

        var item = items.Single();
        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("42;"));
        Assert.That(item.GetProperty("range").GetRawText(), Is.EqualTo("""{"start":{"line":0,"character":8},"end":{"line":0,"character":8}}"""));
        Assert.That(item.GetProperty("command").GetProperty("command").GetString(), Is.EqualTo("qoder.didAcceptCompletion"));
        Assert.That(item.GetProperty("command").GetProperty("arguments")[0].GetString(), Is.Not.Empty);
        var sent = Completions().Single().Body!.Value;
        Assert.That(sent.GetProperty("prompt").GetString(), Is.EqualTo("var x = "));
        Assert.That(sent.GetProperty("suffix").GetString(), Is.EqualTo("\nreturn x;\n"));
    }

    [Test]
    public async Task An_invoked_trigger_returns_three_distinct_items_to_cycle_through()
    {
        var answers = new[] { "first()", "second()", "third()" };
        var next = -1;
        Server.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text(answers[Interlocked.Increment(ref next) % answers.Length]) : null;
        await using var session = await StartAsync();
        await OpenAsync(session, "call ");

        var items = await CompleteAsync(session, 0, 5, invoked: true);

        Assert.That(items.Select(item => item.GetProperty("insertText").GetString()), Is.EquivalentTo(answers));
        Assert.That(items.Select(item => item.GetProperty("command").GetProperty("arguments")[0].GetString()).Distinct().Count(), Is.EqualTo(3), "each item has its own id");
    }

    [Test]
    public async Task An_automatic_trigger_returns_at_most_one_item()
    {
        Server.DefaultReply = FakeReply.Text("x");
        await using var session = await StartAsync();
        await OpenAsync(session, "a = ");

        Assert.That(await CompleteAsync(session, 0, 4), Has.Count.EqualTo(1));
        Assert.That(Completions(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Typing_through_the_shown_suggestion_costs_no_model_call()
    {
        Server.DefaultReply = FakeReply.Text("bar, ", "baz)");
        await using var session = await StartAsync();
        await OpenAsync(session, "foo(");
        var first = await CompleteAsync(session, 0, 4);
        await ShowAsync(session, first[0]);

        await TypeAsync(session, version: 2, line: 0, character: 4, "b");
        var second = await CompleteAsync(session, 0, 5);
        await TypeAsync(session, version: 3, line: 0, character: 5, "ar");
        var third = await CompleteAsync(session, 0, 7);

        Assert.That(second.Single().GetProperty("insertText").GetString(), Is.EqualTo("ar, baz)"));
        Assert.That(third.Single().GetProperty("insertText").GetString(), Is.EqualTo(", baz)"));
        Assert.That(Completions(), Has.Count.EqualTo(1), "only the first request reached the model");
        Assert.That(session.Server.Completion.Stats.TypingThroughHits, Is.EqualTo(2));
    }

    [Test]
    public async Task A_newer_request_cancels_the_older_one_with_ServerCancelled_and_closes_its_stream()
    {
        var firstArrived = new TaskCompletionSource<FakeRecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Responder = request =>
        {
            if (request.Path != "/v1/completions")
            {
                return null;
            }

            return firstArrived.TrySetResult(request) ? FakeReply.Hang() : FakeReply.Text("c + 1");
        };
        await using var session = await StartAsync();
        await OpenAsync(session, "abc");

        var older = CompleteAsync(session, 0, 3);
        var stuck = await firstArrived.Task.WaitAsync(Bound);
        var newer = await CompleteAsync(session, 0, 2);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => older);
        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.ServerCancelled));
        await stuck.ClientDisconnected.WaitAsync(Bound);
        Assert.That(newer.Single().GetProperty("insertText").GetString(), Is.EqualTo("c + 1"));
    }

    [Test]
    public async Task A_request_whose_prefix_extends_a_running_generation_reuses_it()
    {
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Responder = request =>
        {
            if (request.Path != "/v1/completions")
            {
                return null;
            }

            firstArrived.TrySetResult();
            // Slow enough that the second request arrives while this one still streams, even on a loaded CI machine
            // (with 1 s the generation once finished first and the second request rightly started its own).
            return FakeReply.Text("bar)") with { FirstTokenLatency = TimeSpan.FromSeconds(4) };
        };
        await using var session = await StartAsync();
        await OpenAsync(session, "foo(");

        var older = CompleteAsync(session, 0, 4);
        await firstArrived.Task.WaitAsync(Bound);
        await TypeAsync(session, version: 2, line: 0, character: 4, "b");
        var newer = await CompleteAsync(session, 0, 5);

        Assert.That(newer.Single().GetProperty("insertText").GetString(), Is.EqualTo("ar)"));
        Assert.That(Completions(), Has.Count.EqualTo(1), "the second request did not start another generation");
        var stats = session.Server.Completion.Stats;
        Assert.That(stats.InFlightReuses + stats.TypingThroughHits, Is.EqualTo(1));
        try
        {
            await older;
        }
        catch (RemoteInvocationException superseded)
        {
            Assert.That(superseded.ErrorCode, Is.EqualTo(ErrorCodes.ServerCancelled));
        }
    }

    [Test]
    public async Task Going_back_to_an_earlier_state_is_a_cache_hit()
    {
        var next = 0;
        Server.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text(Interlocked.Increment(ref next) == 1 ? "bar)" : "yz)") : null;
        await using var session = await StartAsync();
        await OpenAsync(session, "foo(");
        await CompleteAsync(session, 0, 4);
        await TypeAsync(session, version: 2, line: 0, character: 4, "x");
        var afterX = await CompleteAsync(session, 0, 5);

        await session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 3 },
            contentChanges = new[] { new { range = Range(0, 4, 0, 5), text = string.Empty } },
        });
        var back = await CompleteAsync(session, 0, 4);

        Assert.That(afterX.Single().GetProperty("insertText").GetString(), Is.EqualTo("yz)"));
        Assert.That(back.Single().GetProperty("insertText").GetString(), Is.EqualTo("bar)"));
        Assert.That(Completions(), Has.Count.EqualTo(2));
        Assert.That(session.Server.Completion.Stats.CacheHits, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_a_completion_model_the_request_fails_with_RequestFailed_and_what_to_configure()
    {
        await using var session = await InMemoryLspSession.StartAsync(addHandlers: UseFakePipeline);
        await session.InitializeAndInitializedAsync(initializationOptions: new { completion = new { debounceMs = 0 } });
        await OpenAsync(session, "x = ");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => CompleteAsync(session, 0, 4));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        Assert.That(error.Message, Does.Contain("No model is configured for 'completion'"));
    }

    [Test]
    public async Task A_provider_error_is_reported_clearly_and_the_server_keeps_serving()
    {
        Server.Enqueue(FakeReply.Error(500, "the GPU caught fire"));
        Server.DefaultReply = FakeReply.Text("ok()");
        await using var session = await StartAsync();
        await OpenAsync(session, "x = ");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => CompleteAsync(session, 0, 4));
        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        Assert.That(error.Message, Does.StartWith("Inline completion failed:").And.Contain("500"));

        await TypeAsync(session, version: 2, line: 0, character: 4, "y");
        var items = await CompleteAsync(session, 0, 5);
        Assert.That(items.Single().GetProperty("insertText").GetString(), Is.EqualTo("ok()"));
    }

    [Test]
    public async Task Markdown_is_off_by_default()
    {
        await using var session = await StartAsync();
        await session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "file:///repo/README.md", languageId = "markdown", version = 1, text = "# Title\n" } });

        var result = await session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = "file:///repo/README.md" },
            position = new { line = 1, character = 0 },
            context = new { triggerKind = 2 },
        });

        Assert.That(result.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(Completions(), Is.Empty);
    }

    [Test]
    public async Task Shown_partially_accepted_and_accepted_notifications_are_accepted()
    {
        Server.DefaultReply = FakeReply.Text("Console.WriteLine();");
        await using var session = await StartAsync();
        await OpenAsync(session, "    ");
        var item = (await CompleteAsync(session, 0, 4)).Single();
        var id = item.GetProperty("command").GetProperty("arguments")[0].GetString()!;

        await session.NotifyAsync(QoderMethods.DidShowCompletion, new { id });
        await session.NotifyAsync(QoderMethods.DidPartiallyAcceptCompletion, new { id, acceptedLength = 8 });
        await session.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "qoder.didAcceptCompletion", arguments = new[] { id } });

        var stats = session.Server.Completion.Stats;
        Assert.That((stats.Shown, stats.PartiallyAccepted, stats.Accepted), Is.EqualTo((1, 1, 1)));
        Assert.That(session.Server.Completion.AcceptedLengthOf(id), Is.EqualTo("Console.WriteLine();".Length));
        // StreamJsonRpc surfaces InvalidParams as RemoteMethodNotFoundException; the code is what the client sees.
        var unknown = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<JsonElement?>("workspace/executeCommand", new { command = "qoder.nope" }));
        Assert.That((int)unknown!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
    }

    private IReadOnlyList<FakeRecordedRequest> Completions() => [.. Server.Requests.Where(request => request.Path == "/v1/completions")];

    private static void UseFakePipeline(Qoder.Lsp.Server.LanguageServer server) => server.Completion = server.CreateCompletionService(new FakeCompletionPipeline());

    private async Task<InMemoryLspSession> StartAsync()
    {
        var session = await InMemoryLspSession.StartAsync(addHandlers: UseFakePipeline);
        await session.InitializeAndInitializedAsync(initializationOptions: ModelSettings(Server.BaseUrl));
        return session;
    }

    /// <summary>A FIM model on the fake server, no retries (a 500 must surface at once), no debounce (tests do not wait).</summary>
    /// <param name="debounceMs">0 by default, so tests do not wait; context lookups get the debounce's time to finish.</param>
    internal static object ModelSettings(string baseUrl, int debounceMs = 0) => new Dictionary<string, object>
    {
        ["models"] = new Dictionary<string, object>
        {
            ["providers"] = new Dictionary<string, object> { ["main"] = new { type = "openai", baseUrl, maxRetries = 0 } },
            ["roles"] = new Dictionary<string, object> { ["completion"] = new { provider = "main", model = "fake-model", fim = true } },
        },
        ["completion"] = new { debounceMs },
    };

    private static Task OpenAsync(InMemoryLspSession session, string text) =>
        session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text } });

    private static Task ShowAsync(InMemoryLspSession session, JsonElement item) =>
        session.NotifyAsync(QoderMethods.DidShowCompletion, new { id = item.GetProperty("command").GetProperty("arguments")[0].GetString() });

    private static Task TypeAsync(InMemoryLspSession session, int version, int line, int character, string text) =>
        session.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version },
            contentChanges = new[] { new { range = Range(line, character, line, character), text } },
        });

    private static object Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } };

    private static async Task<IReadOnlyList<JsonElement>> CompleteAsync(InMemoryLspSession session, int line, int character, bool invoked = false)
    {
        var result = await session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = Uri },
            position = new { line, character },
            context = new { triggerKind = invoked ? 1 : 2 },
        }).WaitAsync(Bound);
        return [.. result.GetProperty("items").EnumerateArray()];
    }
}
