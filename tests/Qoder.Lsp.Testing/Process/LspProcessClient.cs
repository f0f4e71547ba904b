using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

namespace Qoder.Lsp.Testing.Processes;

/// <summary>
/// A minimal LSP client over any pair of streams (a process's stdio, a TCP or Unix socket), built on StreamJsonRpc's
/// <see cref="HeaderDelimitedMessageHandler"/> and <see cref="SystemTextJsonFormatter"/> with camelCase names, i.e.
/// through a JSON-RPC stack that shares none of the server's framing code. It answers the server's requests to the
/// client (configuration, registrations, progress creation...) and records every notification and request the
/// server sends, so tests can wait for one.
/// </summary>
public sealed class LspProcessClient : IAsyncDisposable
{
    private static readonly string[] ServerNotifications =
        ["window/logMessage", "window/showMessage", "qoder/status", "$/progress", "$/logTrace", "telemetry/event", "textDocument/publishDiagnostics"];

    private static readonly string[] ServerRequests =
        ["workspace/configuration", "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create",
         "window/showMessageRequest", "window/showDocument", "workspace/applyEdit", "workspace/workspaceFolders", "qoder/confirm"];

    private readonly Lock _gate = new();
    private readonly List<(string Method, JsonElement Params)> _received = [];
    private readonly List<(string Method, Func<JsonElement, bool> Predicate, TaskCompletionSource<JsonElement> Found)> _waiters = [];

    public LspProcessClient(Stream sending, Stream receiving)
    {
        ArgumentNullException.ThrowIfNull(sending);
        ArgumentNullException.ThrowIfNull(receiving);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = SerializerOptions };
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(sending, receiving, formatter));
        foreach (var method in ServerNotifications)
        {
            Rpc.AddLocalRpcMethod(Handler.HandleMethod, new Handler(this, method), new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
        }

        foreach (var method in ServerRequests)
        {
            Rpc.AddLocalRpcMethod(Handler.AnswerMethod, new Handler(this, method), new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
        }

        Rpc.StartListening();
    }

    /// <summary>camelCase, nulls omitted: what LSP clients send.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public JsonRpc Rpc { get; }

    /// <summary>Completes when the connection ends (the server closed its end or exited).</summary>
    public Task Completion => Rpc.Completion;

    /// <summary>
    /// Answers the server's requests: (method, params) → result. The default answers workspace/configuration with
    /// null for every item, workspace/applyEdit with "not applied", and everything else with null.
    /// </summary>
    public Func<string, JsonElement, object?> ServerRequestHandler { get; set; } = DefaultServerRequestHandler;

    /// <summary>Every notification and request the server sent, in arrival order.</summary>
    public IReadOnlyList<(string Method, JsonElement Params)> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public static object? DefaultServerRequestHandler(string method, JsonElement parameters) => method switch
    {
        "workspace/configuration" => parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? new object?[items.GetArrayLength()]
            : Array.Empty<object?>(),
        "workspace/applyEdit" => new { applied = false, failureReason = "The test client applies no edits." },
        _ => null,
    };

    /// <summary>
    /// Sends <c>initialize</c> and returns its result. <paramref name="processId"/> defaults to the test process,
    /// as an editor would send its own id.
    /// </summary>
    public Task<JsonElement> InitializeAsync(object? capabilities = null, int? processId = null, string? rootUri = null, object? initializationOptions = null, CancellationToken cancellationToken = default) =>
        RequestAsync("initialize", new
        {
            processId = processId ?? Environment.ProcessId,
            clientInfo = new { name = "qoder-e2e-tests", version = "1.0" },
            rootUri,
            capabilities = capabilities ?? new { },
            initializationOptions,
            workspaceFolders = rootUri is null ? null : new[] { new { uri = rootUri, name = "workspace" } },
        }, cancellationToken);

    /// <summary><c>initialize</c> followed by <c>initialized</c>.</summary>
    public async Task<JsonElement> InitializeAndInitializedAsync(object? capabilities = null, int? processId = null, string? rootUri = null, CancellationToken cancellationToken = default)
    {
        var result = await InitializeAsync(capabilities, processId, rootUri, null, cancellationToken).ConfigureAwait(false);
        await NotifyAsync("initialized", new { }).ConfigureAwait(false);
        return result;
    }

    /// <summary><c>shutdown</c> (expecting a null result) then <c>exit</c>.</summary>
    public async Task ShutdownAndExitAsync(CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("shutdown", null, cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Null)
        {
            throw new InvalidOperationException($"shutdown answered {result.GetRawText()}, expected null.");
        }

        await NotifyAsync("exit", null).ConfigureAwait(false);
    }

    /// <summary>A request; a JSON-RPC error arrives as <see cref="RemoteInvocationException"/> with its ErrorCode.</summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters, CancellationToken cancellationToken = default)
    {
        var result = await Rpc.InvokeWithParameterObjectAsync<JsonElement?>(method, parameters, cancellationToken).ConfigureAwait(false);
        return result?.Clone() ?? JsonDocument.Parse("null").RootElement.Clone();
    }

    /// <summary>Sends a request and returns the JSON-RPC error code it was answered with (fails if it succeeded).</summary>
    public async Task<int> RequestErrorCodeAsync(string method, object? parameters, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RequestAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"'{method}' succeeded with {result.GetRawText()}; an error was expected.");
        }
        catch (RemoteInvocationException ex)
        {
            return ex.ErrorCode;
        }
        catch (RemoteMethodNotFoundException ex)
        {
            // StreamJsonRpc reports InvalidParams (-32602) this way, like MethodNotFound.
            return (int)ex.ErrorCode;
        }
    }

    public Task NotifyAsync(string method, object? parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    /// <summary>Waits for a server notification or request of <paramref name="method"/> (already received ones count).</summary>
    public async Task<JsonElement> WaitForMessageAsync(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        predicate ??= _ => true;
        var found = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var (receivedMethod, parameters) in _received)
            {
                if (receivedMethod == method && predicate(parameters))
                {
                    return parameters;
                }
            }

            _waiters.Add((method, predicate, found));
        }

        var wait = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            await Task.WhenAny(found.Task, Completion).WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        if (found.Task.IsCompleted)
        {
            return await found.Task.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _waiters.RemoveAll(waiter => waiter.Found == found);
        }

        var why = Completion.IsCompleted ? "the connection closed" : $"nothing matched within {wait.TotalSeconds:0} s";
        var seen = string.Join(Environment.NewLine, Received.Select(message => $"  {message.Method} {message.Params.GetRawText()}"));
        throw new TimeoutException($"No '{method}' from the server: {why}. Received:{Environment.NewLine}{seen}");
    }

    public ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(string method, JsonElement parameters)
    {
        List<TaskCompletionSource<JsonElement>> matched = [];
        lock (_gate)
        {
            _received.Add((method, parameters));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Method == method && _waiters[i].Predicate(parameters))
                {
                    matched.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(parameters);
        }
    }

    /// <summary>One registered method; StreamJsonRpc binds a method to a target object, hence one instance per name.</summary>
    private sealed class Handler(LspProcessClient owner, string method)
    {
        public static readonly MethodInfo HandleMethod = typeof(Handler).GetMethod(nameof(Handle))!;
        public static readonly MethodInfo AnswerMethod = typeof(Handler).GetMethod(nameof(Answer))!;

        public void Handle(JsonElement parameters = default) => owner.Record(method, Copy(parameters));

        public object? Answer(JsonElement parameters = default)
        {
            var copy = Copy(parameters);
            owner.Record(method, copy);
            return owner.ServerRequestHandler(method, copy);
        }

        // The formatter may reuse the buffer behind a JsonElement once the call returns.
        private static JsonElement Copy(JsonElement parameters) =>
            parameters.ValueKind == JsonValueKind.Undefined ? JsonDocument.Parse("null").RootElement.Clone() : parameters.Clone();
    }
}
