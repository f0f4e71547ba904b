using System.Text.Json;

namespace Qoder.Lsp.Tests.EndToEnd;

/// <summary>
/// The harness gives each server a private HOME and only the QODER_* variables a test asks for, so what a test
/// sees never depends on the machine's ~/.qoder or on the environment the tests were started from.
/// </summary>
[NonParallelizable] // one test changes this process's environment for a moment
public sealed class ServerEnvironmentTests : EndToEndTest
{
    [Test]
    public async Task QODER_variables_of_the_test_process_do_not_reach_the_server()
    {
        const string Variable = "QODER_CHAT_MODEL";
        var previous = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "leaked-model");
        try
        {
            var server = StartServer("--stdio");
            var client = ConnectStdio(server);
            await client.InitializeAndInitializedAsync();

            var status = await client.RequestAsync("qoder/status", null);

            Assert.That(status.GetRawText(), Does.Not.Contain("leaked-model"));
            Assert.That(status.GetProperty("message").GetString(), Does.Contain("No model configured"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, previous);
        }
    }

    [Test]
    public async Task QODER_variables_a_test_sets_configure_the_server()
    {
        var server = StartServer(
            new Dictionary<string, string?>
            {
                ["QODER_OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1",
                ["QODER_CHAT_MODEL"] = "env-chat-model",
            },
            "--stdio");
        var client = ConnectStdio(server);
        await client.InitializeAndInitializedAsync();

        var status = await client.RequestAsync("qoder/status", null);

        var models = status.GetProperty("models").EnumerateArray()
            .Where(model => model.TryGetProperty("model", out var name) && name.ValueKind == JsonValueKind.String)
            .Select(model => model.GetProperty("model").GetString())
            .ToList();
        Assert.That(models, Does.Contain("env-chat-model"), status.GetRawText());
    }
}
