using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server;
using StreamJsonRpc;

namespace Qoder.Lsp.Testing.InMemory;

/// <summary>
/// A server and a scripted client joined by in-memory streams: the fast inner loop for server tests.
/// The client side records what the server sends and answers server→client requests as configured.
/// </summary>
internal sealed class InMemoryLspSession : IAsyncDisposable
{
    private readonly Stream _clientStream;
    private readonly string _home;
    private readonly ConcurrentQueue<(string Method, JsonElement Params)> _notifications = new();
    private readonly SemaphoreSlim _notificationArrived = new(0);

    private InMemoryLspSession(LanguageServer server, Stream clientStream, string home)
    {
        Server = server;
        _clientStream = clientStream;
        _home = home;
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = JsonOptions.Create() }));
        On("workspace/configuration", new Func<JsonElement, CancellationToken, Task<JsonElement?[]>>(async (request, cancellationToken) =>
        {
            await WaitIfHeld(ConfigurationAnswerGate, cancellationToken).ConfigureAwait(false);
            Record("workspace/configuration", request);
            return [ClientConfiguration];
        }));
        On(QoderMethods.Confirm, new Func<JsonElement, CancellationToken, Task<JsonElement>>(async (request, cancellationToken) =>
        {
            Record(QoderMethods.Confirm, request);
            await WaitIfHeld(ConfirmAnswerGate, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToElement(new { decision = ConfirmAnswer });
        }));
        On("window/workDoneProgress/create", new Action<JsonElement>(request => Record("window/workDoneProgress/create", request)));
        On("client/registerCapability", new Action<JsonElement>(request => Record("client/registerCapability", request)));
        On("window/showDocument", new Func<JsonElement, object>(request =>
        {
            Record("window/showDocument", request);
            return new { success = true };
        }));
        On("workspace/applyEdit", new Func<JsonElement, object>(request =>
        {
            Record("workspace/applyEdit", request);
            return new { applied = true };
        }));
        On("window/showMessageRequest", new Func<JsonElement, JsonElement?>(request =>
        {
            Record("window/showMessageRequest", request);
            return request.TryGetProperty("actions", out var actions) && actions.GetArrayLength() > 0 ? actions[0].Clone() : null;
        }));
        foreach (var method in new[] { "window/logMessage", "window/showMessage", "$/progress", QoderMethods.Status })
        {
            On(method, new Action<JsonElement>(notification => Record(method, notification)));
        }
    }

    public LanguageServer Server { get; }

    /// <summary>The client end; tests send requests and notifications through it.</summary>
    public JsonRpc Rpc { get; }

    /// <summary>The temporary HOME of this session: <c>Path.Combine(Home, ".qoder")</c> is the user settings folder.</summary>
    public string Home => _home;

    /// <summary>What the client answers to workspace/configuration (section qoder).</summary>
    public JsonElement? ClientConfiguration { get; set; }

    /// <summary>What the client answers to qoder/confirm.</summary>
    public string ConfirmAnswer { get; set; } = ConfirmDecision.Allow;

    /// <summary>While set and not completed, the client holds its qoder/confirm answer (to test time bounds).</summary>
    public TaskCompletionSource? ConfirmAnswerGate { get; set; }

    /// <summary>While set and not completed, the client holds its workspace/configuration answer.</summary>
    public TaskCompletionSource? ConfigurationAnswerGate { get; set; }

    public IReadOnlyList<(string Method, JsonElement Params)> Received => [.. _notifications];

    public static Task<InMemoryLspSession> StartAsync(Func<ServerOptions, ServerOptions>? configure = null, Action<LanguageServer>? addHandlers = null, ILoggerFactory? loggerFactory = null)
    {
        var home = Directory.CreateTempSubdirectory("qoder-test-home-").FullName;
        var options = new ServerOptions
        {
            HomeDirectory = home,
            GetEnvironmentVariable = _ => null,
            WatchParentProcess = false,
            ClientRequestTimeout = TimeSpan.FromSeconds(10),
        };
        options = configure?.Invoke(options) ?? options;
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var server = new LanguageServer(serverStream, serverStream, options, loggerFactory ?? NullLoggerFactory.Instance);
        addHandlers?.Invoke(server);
        var session = new InMemoryLspSession(server, clientStream, home);
        server.Start();
        session.Rpc.StartListening();
        return Task.FromResult(session);
    }

    public Task<InitializeResult> InitializeAsync(object? capabilities = null, object? initializationOptions = null, IReadOnlyList<WorkspaceFolder>? workspaceFolders = null, int? processId = null) =>
        Rpc.InvokeWithParameterObjectAsync<InitializeResult>("initialize", new
        {
            processId,
            capabilities = capabilities ?? new { },
            initializationOptions,
            workspaceFolders,
        });

    public async Task<InitializeResult> InitializeAndInitializedAsync(object? capabilities = null, object? initializationOptions = null, IReadOnlyList<WorkspaceFolder>? workspaceFolders = null)
    {
        var result = await InitializeAsync(capabilities, initializationOptions, workspaceFolders).ConfigureAwait(false);
        await Rpc.NotifyWithParameterObjectAsync("initialized", new { }).ConfigureAwait(false);
        return result;
    }

    public Task NotifyAsync(string method, object? parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task<T> RequestAsync<T>(string method, object? parameters = null, CancellationToken cancellationToken = default) =>
        Rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);

    /// <summary>Waits until the client has received a message from the server matching the predicate.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            foreach (var (receivedMethod, parameters) in _notifications)
            {
                if (receivedMethod == method && (predicate is null || predicate(parameters)))
                {
                    return parameters;
                }
            }

            try
            {
                await _notificationArrived.WaitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server did not send a matching {method}; received: {string.Join(", ", _notifications.Select(n => n.Method))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _clientStream.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Record(string method, JsonElement parameters)
    {
        _notifications.Enqueue((method, parameters.Clone()));
        _notificationArrived.Release();
    }

    /// <summary>LSP sends params as one object; bind it whole to the handler's single parameter.</summary>
    private void On(string method, Delegate handler) =>
        Rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private static Task WaitIfHeld(TaskCompletionSource? gate, CancellationToken cancellationToken) =>
        gate is null ? Task.CompletedTask : gate.Task.WaitAsync(cancellationToken);
}
