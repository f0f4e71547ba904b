using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.Processes;
using Qoder.Lsp.Tests.EndToEnd;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>
/// Inline completion end to end: the built server as a child process on stdio, the real pipeline, and the fake model
/// server over real HTTP/SSE. Debounce is 0 so nothing waits on a timer; what each test checks on the fake (requests,
/// bodies, closed streams) is what a real provider would see.
/// </summary>
public sealed class InlineCompletionStdioTests : EndToEndTest
{
    private const string CsUri = "file:///qoder-e2e-nonexistent/Program.cs";

    private FakeModelServer _model = null!;

    [SetUp]
    public async Task StartModelAsync() => _model = Track(await FakeModelServer.StartAsync());

    [Test]
    public async Task A_single_line_completion_finishes_the_line_and_asks_for_a_line()
    {
        _model.DefaultReply = FakeReply.Text("$\"Hello, ", "{name}\";", "\nConsole.WriteLine(greeting);\n");
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var name = \"World\";\nvar greeting = \n");

        var item = (await CompleteAsync(client, CsUri, 1, 15)).Single();

        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("$\"Hello, {name}\";"));
        AssertRange(item, 1, 15, 1, 15);
        var body = Completions().Single().Body!.Value;
        Assert.That(body.GetProperty("prompt").GetString(), Does.EndWith("var greeting = "));
        Assert.That(body.GetProperty("suffix").GetString(), Is.EqualTo("\n"));
        Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(64), "single-line mode asks for a line's worth");
    }

    [Test]
    public async Task After_a_block_opener_the_completion_is_the_body_up_to_its_closer()
    {
        _model.DefaultReply = FakeReply.Text("\n    var sum = ", "a + b;\n    return sum;\n", "}\n\nint Sub(int a, int b) {\n    return a - b;\n}\n");
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "int Add(int a, int b) {\n}\n");

        var item = (await CompleteAsync(client, CsUri, 0, 23)).Single();

        // The model's "}" is the one the document already has on the next line, so it is dropped; Sub is never shown.
        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("\n    var sum = a + b;\n    return sum;"));
        Assert.That(Completions().Single().Body!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(256));
    }

    [Test]
    public async Task Under_a_comment_that_describes_code_the_completion_is_the_whole_function_and_only_it()
    {
        _model.DefaultReply = FakeReply.Text("int Max(int a, int b)\n{\n", "    return a > b ? a : b;\n}\n", "\nint Min(int a, int b)\n{\n    return a;\n}\n");
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "// return the larger of a and b\n\n");

        var item = (await CompleteAsync(client, CsUri, 1, 0)).Single();

        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("int Max(int a, int b)\n{\n    return a > b ? a : b;\n}"));
    }

    [Test]
    public async Task MaxLength_block_ends_at_the_block_the_completion_opens_and_asks_for_fewer_tokens()
    {
        _model.DefaultReply = FakeReply.Text("if (x > 0)\n    {\n        Go();\n    }\n", "    Done();\n}\n");
        var client = await StartAsync(completion: new { debounceMs = 0, maxLength = "block" });
        await OpenAsync(client, CsUri, "csharp", "void M(int x)\n{\n    \n}\n");

        var item = (await CompleteAsync(client, CsUri, 2, 4)).Single();

        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("if (x > 0)\n    {\n        Go();\n    }"));
        Assert.That(Completions().Single().Body!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(128));
    }

    [Test]
    public async Task MaxLength_line_keeps_one_line_where_a_block_would_be_asked()
    {
        _model.DefaultReply = FakeReply.Text("if (x > 0)\n    {\n        Go();\n    }\n");
        var client = await StartAsync(completion: new { debounceMs = 0, maxLength = "line" });
        await OpenAsync(client, CsUri, "csharp", "void M(int x)\n{\n    \n}\n");

        var item = (await CompleteAsync(client, CsUri, 2, 4)).Single();

        Assert.That(item.GetProperty("insertText").GetString(), Is.EqualTo("if (x > 0)"));
        Assert.That(Completions().Single().Body!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(64));
    }

    [Test]
    public async Task The_completion_model_setting_overrides_the_role_model()
    {
        _model.DefaultReply = FakeReply.Text("1;");
        var client = await StartAsync(completion: new { debounceMs = 0, model = "main/override-coder" });
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        await CompleteAsync(client, CsUri, 0, 8);

        Assert.That(Completions().Single().Body!.Value.GetProperty("model").GetString(), Is.EqualTo("override-coder"));
    }

    [Test]
    public async Task An_invoked_trigger_returns_up_to_three_distinct_items_from_three_model_calls()
    {
        // Each call's answer names its temperature, so distinct items mean distinct calls.
        _model.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text($"At(\"{Temperature(request)}\");") : null;
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        var items = await CompleteAsync(client, CsUri, 0, 8, invoked: true);

        var temperatures = Completions().Select(Temperature).ToList();
        Assert.That(temperatures.Distinct().Count(), Is.EqualTo(3), "one call per alternative, at different temperatures");
        Assert.That(items.Select(item => item.GetProperty("insertText").GetString()), Is.EquivalentTo(temperatures.Select(t => $"At(\"{t}\");")));
        Assert.That(items.Select(Id).Distinct().Count(), Is.EqualTo(3), "each item has its own id");
    }

    [Test]
    public async Task An_invoked_trigger_shows_identical_answers_once()
    {
        _model.DefaultReply = FakeReply.Text("Same();");
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        var items = await CompleteAsync(client, CsUri, 0, 8, invoked: true);

        Assert.That(items.Select(item => item.GetProperty("insertText").GetString()), Is.EqualTo(new[] { "Same();" }));
        Assert.That(Completions(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Typing_through_a_suggestion_with_an_auto_closed_bracket_needs_no_model_call_and_keeps_replacing_the_bracket()
    {
        _model.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text(Completions().Count == 1 ? "bar, baz)" : "wrong)") : null;
        var client = await StartAsync();
        // The editor auto-closed the parenthesis: the cursor sits between "(" and ")".
        await OpenAsync(client, CsUri, "csharp", "foo();\n");

        var first = (await CompleteAsync(client, CsUri, 0, 4)).Single();
        await client.NotifyAsync(QoderMethods.DidShowCompletion, new { id = Id(first) });
        await client.NotifyAsync("textDocument/didChange", InsertAt(CsUri, 2, 0, 4, "ba"));
        var second = (await CompleteAsync(client, CsUri, 0, 6)).Single();

        Assert.That(first.GetProperty("insertText").GetString(), Is.EqualTo("bar, baz)"));
        AssertRange(first, 0, 4, 0, 5);
        Assert.That(second.GetProperty("insertText").GetString(), Is.EqualTo("r, baz)"));
        AssertRange(second, 0, 6, 0, 7);
        Assert.That(Completions(), Has.Count.EqualTo(1), "typing through is answered without the model");
    }

    [Test]
    public async Task A_partial_accept_is_followed_by_typing_through_to_the_rest()
    {
        _model.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text(Completions().Count == 1 ? "Console.WriteLine(greeting);" : "Wrong();") : null;
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var greeting = \"hi\";\n");
        var item = (await CompleteAsync(client, CsUri, 1, 0)).Single();
        await client.NotifyAsync(QoderMethods.DidShowCompletion, new { id = Id(item) });

        // The editor accepts a word ("Console.") and reports the cumulative length, then applies it to the document.
        await client.NotifyAsync(QoderMethods.DidPartiallyAcceptCompletion, new { id = Id(item), acceptedLength = 8 });
        await client.NotifyAsync("textDocument/didChange", InsertAt(CsUri, 2, 1, 0, "Console."));
        var rest = (await CompleteAsync(client, CsUri, 1, 8)).Single();

        Assert.That(rest.GetProperty("insertText").GetString(), Is.EqualTo("WriteLine(greeting);"));
        Assert.That(Completions(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_accept_command_retires_the_suggestion_and_rejects_a_call_without_an_id()
    {
        _model.Responder = request => request.Path == "/v1/completions" ? FakeReply.Text(Completions().Count == 1 ? "Add(1, 2);" : "Other();") : null;
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var sum = \n");
        var item = (await CompleteAsync(client, CsUri, 0, 10)).Single();
        await client.NotifyAsync(QoderMethods.DidShowCompletion, new { id = Id(item) });
        var command = item.GetProperty("command");
        Assert.That(command.GetProperty("command").GetString(), Is.EqualTo("qoder.didAcceptCompletion"));

        var accepted = await client.RequestAsync("workspace/executeCommand", new { command = "qoder.didAcceptCompletion", arguments = new[] { Id(item) } }).WaitAsync(Timeout);
        // The editor inserted the item, then the user deleted its last two characters: an accepted suggestion is not
        // offered again by typing-through, so this goes to the model (which answers differently).
        await client.NotifyAsync("textDocument/didChange", InsertAt(CsUri, 2, 0, 10, "Add(1, 2"));
        var after = (await CompleteAsync(client, CsUri, 0, 18)).Single();
        // StreamJsonRpc surfaces InvalidParams as RemoteMethodNotFoundException; the code is what the client sees.
        var missingId = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(
            async () => await client.RequestAsync("workspace/executeCommand", new { command = "qoder.didAcceptCompletion", arguments = Array.Empty<string>() }).WaitAsync(Timeout));

        Assert.That(accepted.ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(after.GetProperty("insertText").GetString(), Is.EqualTo("Other();"));
        Assert.That(Completions(), Has.Count.EqualTo(2));
        Assert.That((int)missingId!.ErrorCode, Is.EqualTo(ErrorCodes.InvalidParams));
    }

    [Test]
    public async Task CancelRequest_answers_RequestCancelled_and_closes_the_model_stream()
    {
        _model.DefaultReply = FakeReply.Hang();
        var server = StartServer("--stdio");
        var raw = ConnectRaw(server);
        await raw.RequestAsync(1, "initialize", new { processId = Environment.ProcessId, capabilities = new { }, initializationOptions = Settings() }, Timeout);
        await raw.SendNotificationAsync("initialized", new { });
        await raw.SendNotificationAsync("textDocument/didOpen", new { textDocument = new { uri = CsUri, languageId = "csharp", version = 1, text = "var x = \n" } });

        await raw.SendRequestAsync(2, "textDocument/inlineCompletion", Request(CsUri, 0, 8, invoked: false));
        var stuck = await WaitForCompletionRequestAsync();
        await raw.SendNotificationAsync("$/cancelRequest", new { id = 2 });
        var response = await raw.ReadUntilAsync(frame => frame.IsResponse && frame.IdJson == "2", Timeout);

        Assert.That(response.ErrorCode, Is.EqualTo(ErrorCodes.RequestCancelled), response.Text);
        await stuck.ClientDisconnected.WaitAsync(Timeout);
        _model.DefaultReply = FakeReply.Text("1;");
        var next = await raw.RequestAsync(3, "textDocument/inlineCompletion", Request(CsUri, 0, 8, invoked: false), Timeout);
        Assert.That(next.Json.GetProperty("result").GetProperty("items")[0].GetProperty("insertText").GetString(), Is.EqualTo("1;"), "the server keeps serving");
    }

    [Test]
    public async Task A_newer_request_supersedes_an_older_one_with_ServerCancelled_and_closes_its_stream()
    {
        _model.Responder = request => request.Path == "/v1/completions" ? (Completions().Count == 1 ? FakeReply.Hang() : FakeReply.Text("y + 1;")) : null;
        var client = await StartAsync();
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        var older = client.RequestErrorCodeAsync("textDocument/inlineCompletion", Request(CsUri, 0, 8, invoked: false));
        var stuck = await WaitForCompletionRequestAsync();
        // Another spot in the same document (a prefix that does not extend the running one, so it cannot join it).
        var newer = (await CompleteAsync(client, CsUri, 0, 7)).Single();

        Assert.That(await older.WaitAsync(Timeout), Is.EqualTo(ErrorCodes.ServerCancelled));
        await stuck.ClientDisconnected.WaitAsync(Timeout);
        Assert.That(newer.GetProperty("insertText").GetString(), Is.EqualTo("y + 1;"));
    }

    [Test]
    public async Task Without_a_completion_model_the_request_fails_with_RequestFailed_saying_what_to_configure()
    {
        var client = await StartAsync(settings: new { completion = new { debounceMs = 0 } });
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(async () => await CompleteAsync(client, CsUri, 0, 8));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        Assert.That(error.Message, Does.Contain("No model is configured for 'completion'").And.Contain("models.roles.completion"));
        Assert.That(Posts(), Is.Empty);
    }

    [TestCase(500)]
    [TestCase(401)]
    [TestCase(0, Description = "timeout: the provider never answers")]
    public async Task A_provider_error_is_a_clear_RequestFailed_without_the_key_and_the_server_keeps_serving(int status)
    {
        const string Key = "sk-e2e-secret-key-0123456789";
        var failed = 0;
        // 401 comes from the fake's key check, which echoes the presented key the way OpenAI does.
        _model.RequiredApiKey = status == 401 ? "sk-the-key-the-provider-wants" : null;
        _model.Responder = request =>
        {
            if (status == 401 || request.Path != "/v1/completions" || Interlocked.Increment(ref failed) > 1)
            {
                return null;
            }

            return status == 0 ? FakeReply.Hang() : FakeReply.Error(status, $"upstream exploded (key {Key})");
        };
        _model.DefaultReply = FakeReply.Text("ok();");
        var client = await StartAsync(provider: new { type = "openai", baseUrl = _model.BaseUrl, apiKey = Key, maxRetries = 0, timeoutSeconds = 1 });
        await OpenAsync(client, CsUri, "csharp", "var x = \n");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(async () => await CompleteAsync(client, CsUri, 0, 8));

        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCodes.RequestFailed));
        TestContext.Out.WriteLine($"HTTP {status}: {error.Message}");
        Assert.That(error.Message, Does.StartWith("Inline completion failed:"));
        Assert.That(error.Message, Does.Not.Contain(Key));
        Assert.That(error.Message, status == 0 ? Does.Contain("time").IgnoreCase : Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (status == 401)
        {
            _model.RequiredApiKey = null;
        }

        await client.NotifyAsync("textDocument/didChange", InsertAt(CsUri, 2, 0, 8, "y"));
        var next = (await CompleteAsync(client, CsUri, 0, 9)).Single();
        Assert.That(next.GetProperty("insertText").GetString(), Is.EqualTo("ok();"), "the server keeps serving");
    }

    [TestCase("file:///qoder-e2e-nonexistent/README.md", "markdown", "# Title\n\nSome ")]
    [TestCase("file:///qoder-e2e-nonexistent/.env", "dotenv", "API_KEY=")]
    [TestCase("file:///qoder-e2e-nonexistent/.env.local", "properties", "DB_PASSWORD=")]
    public async Task Markdown_and_env_files_get_nothing_and_the_model_sees_nothing(string uri, string languageId, string text)
    {
        var client = await StartAsync();
        await OpenAsync(client, uri, languageId, text);
        var lines = text.Split('\n');

        var items = await CompleteAsync(client, uri, lines.Length - 1, lines[^1].Length, invoked: true);

        Assert.That(items, Is.Empty);
        Assert.That(Posts(), Is.Empty);
    }

    private static string Id(JsonElement item) => item.GetProperty("command").GetProperty("arguments")[0].GetString()!;

    private static string Temperature(FakeRecordedRequest request) =>
        request.Body is { } body && body.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number
            ? Math.Round(temperature.GetDouble(), 2).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "none";

    private static void AssertRange(JsonElement item, int startLine, int startCharacter, int endLine, int endCharacter)
    {
        var range = item.GetProperty("range");
        Assert.That(
            (range.GetProperty("start").GetProperty("line").GetInt32(), range.GetProperty("start").GetProperty("character").GetInt32(),
             range.GetProperty("end").GetProperty("line").GetInt32(), range.GetProperty("end").GetProperty("character").GetInt32()),
            Is.EqualTo((startLine, startCharacter, endLine, endCharacter)));
    }

    private IReadOnlyList<FakeRecordedRequest> Completions() => _model.RequestsTo("/v1/completions");

    // Model calls of any kind; GET /v1/models (the server's availability probe) does not count.
    private IReadOnlyList<FakeRecordedRequest> Posts() => [.. _model.Requests.Where(request => request.Method == "POST")];

    private async Task<FakeRecordedRequest> WaitForCompletionRequestAsync()
    {
        for (var index = 0; ; index++)
        {
            var request = await _model.WaitForRequestAsync(index).WaitAsync(Timeout);
            if (request.Path == "/v1/completions")
            {
                return request;
            }
        }
    }

    /// <summary>One FIM provider on the fake ("main"), the completion role on it, no debounce.</summary>
    private Dictionary<string, object> Settings(object? completion = null, object? provider = null) => new()
    {
        ["models"] = new Dictionary<string, object>
        {
            ["providers"] = new Dictionary<string, object> { ["main"] = provider ?? new { type = "openai", baseUrl = _model.BaseUrl, maxRetries = 0 } },
            ["roles"] = new Dictionary<string, object> { ["completion"] = new { provider = "main", model = "fake-coder", fim = true } },
        },
        ["completion"] = completion ?? new { debounceMs = 0 },
    };

    private async Task<LspProcessClient> StartAsync(object? completion = null, object? provider = null, object? settings = null)
    {
        var server = StartServer("--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAsync(initializationOptions: settings ?? Settings(completion, provider)).WaitAsync(Timeout);
        await client.NotifyAsync("initialized", new { });
        return client;
    }

    private static Task OpenAsync(LspProcessClient client, string uri, string languageId, string text) =>
        client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId, version = 1, text } });

    private static async Task<IReadOnlyList<JsonElement>> CompleteAsync(LspProcessClient client, string uri, int line, int character, bool invoked = false)
    {
        var result = await client.RequestAsync("textDocument/inlineCompletion", Request(uri, line, character, invoked)).WaitAsync(Timeout);
        return [.. result.GetProperty("items").EnumerateArray()];
    }

    private static object Request(string uri, int line, int character, bool invoked) => new
    {
        textDocument = new { uri },
        position = new { line, character },
        context = new { triggerKind = invoked ? 1 : 2 },
    };
}
