using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using StreamJsonRpc;
using Qoder.Lsp.Testing.InMemory;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>A temp workspace and the settings that point chat at the fake model server.</summary>
internal static class ChatTestKit
{
    public static object Settings(FakeModelServer server, int contextWindow = 32_768, int maxOutputTokens = 1_024, object? chat = null, bool? supportsImages = null) => new
    {
        models = new
        {
            providers = new { main = new { type = "openai", baseUrl = server.BaseUrl } },
            roles = new { chat = new { provider = "main", model = "fake-model", contextWindow, maxOutputTokens, supportsImages } },
        },
        chat,
    };

    public static string CreateWorkspace()
    {
        var root = Path.Combine(Path.GetTempPath(), "qoder-chat-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public static async Task<InMemoryLspSession> StartAsync(FakeModelServer server, string workspace, object? settings = null)
    {
        var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(
            new { window = new { workDoneProgress = true } },
            settings ?? Settings(server),
            [new WorkspaceFolder(new Uri(workspace + "/").AbsoluteUri, "ws")]);
        return session;
    }

    /// <summary>The messages of the n-th chat request the fake model server received, as (role, text) pairs.</summary>
    public static IReadOnlyList<(string Role, string Text)> Messages(FakeRecordedRequest request) =>
        [.. request.Body!.Value.GetProperty("messages").EnumerateArray().Select(message => (message.GetProperty("role").GetString()!, Text(message.GetProperty("content"))))];

    /// <summary>The chat progress reports sent on a token, in order.</summary>
    /// <summary>
    /// The <c>$/progress</c> reports of a turn, once its "end" arrived: they are notifications, so the client may read
    /// the turn's answer before it has read all of them.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> ReportsAsync(InMemoryLspSession session, string token)
    {
        await session.WaitForAsync("$/progress", p => p.GetProperty("token").GetString() == token && p.GetProperty("value").GetProperty("kind").GetString() == "end");
        return [.. session.Received
            .Where(message => message.Method == "$/progress" && message.Params.GetProperty("token").GetString() == token)
            .Select(message => message.Params.GetProperty("value"))
            .Where(value => value.GetProperty("kind").GetString() == "report")];
    }

    /// <summary>The error of a request that must fail. StreamJsonRpc's client reports InvalidParams (-32602) as RemoteMethodNotFoundException, other codes as RemoteInvocationException.</summary>
    public static async Task<RemoteRpcException> FailsAsync(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (RemoteRpcException error)
        {
            return error;
        }

        throw new AssertionException("The request succeeded; it should have failed.");
    }

    public static int Code(RemoteRpcException error) => error switch
    {
        RemoteInvocationException invocation => invocation.ErrorCode,
        RemoteMethodNotFoundException notFound => (int)notFound.ErrorCode,
        _ => 0,
    };

    private static string Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Where(part => part.TryGetProperty("text", out _)).Select(part => part.GetProperty("text").GetString())),
        _ => string.Empty,
    };
}
