using System.Text.Json;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Testing;

namespace Qoder.Lsp.Tests.Models;

public sealed class ChatClientTests : WithFakeModelServer
{
    [Test]
    public async Task Streams_chat_deltas_from_an_openai_compatible_endpoint()
    {
        Server.Enqueue(FakeReply.Text("Hi", " there", "!"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl, apiKey: "sk-chat-key-abcdef"), ("chat", TestModels.Model("deepseek-chat"))));

        var updates = await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("Say hi", cancellationToken: TestModels.Deadline()));

        Assert.That(updates.Select(u => u.Text).Where(t => t.Length > 0), Is.EqualTo(new[] { "Hi", " there", "!" }));
        var recorded = Server.RequestsTo("/v1/chat/completions").Single();
        Assert.Multiple(() =>
        {
            Assert.That(recorded.IsStreaming, Is.True);
            Assert.That(recorded.Body!.Value.GetProperty("model").GetString(), Is.EqualTo("deepseek-chat"));
            Assert.That(recorded.Body!.Value.GetProperty("messages")[0].GetProperty("content").ToString(), Does.Contain("Say hi"));
            Assert.That(recorded.Header("Authorization"), Is.EqualTo("Bearer sk-chat-key-abcdef"));
        });
    }

    [Test]
    public async Task Answers_whole_responses_too()
    {
        Server.Enqueue(FakeReply.Text("Whole", " answer"));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("qwen-plus"))));

        var response = await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        Assert.That(response.Text, Is.EqualTo("Whole answer"));
        Assert.That(Server.Requests.Single().IsStreaming, Is.False);
    }

    [Test]
    public async Task Local_servers_work_without_a_key_and_get_the_configured_extra_headers()
    {
        var headers = new Dictionary<string, string> { ["X-Tenant"] = "team-a", ["HTTP-Referer"] = "https://qoder.example" };
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl, headers: headers), ("chat", TestModels.Model("llama3.1"))));

        await catalog.GetChatClient(ModelRole.Chat).GetResponseAsync("q", cancellationToken: TestModels.Deadline());

        var recorded = Server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(recorded.Header("Authorization"), Is.Null);
            Assert.That(recorded.Header("X-Tenant"), Is.EqualTo("team-a"));
            Assert.That(recorded.Header("HTTP-Referer"), Is.EqualTo("https://qoder.example"));
        });
    }

    [Test]
    public async Task Applies_the_configured_temperature_and_output_limit_unless_the_caller_sets_them()
    {
        var settings = TestModels.Settings(
            TestModels.OpenAI(Server.BaseUrl),
            ("chat", new ModelSettings { Provider = TestModels.ProviderName, Model = "glm-4", Temperature = 0.3f, MaxOutputTokens = 777 }));
        using var catalog = TestModels.Catalog(settings);
        var chat = catalog.GetChatClient(ModelRole.Chat);

        await chat.GetResponseAsync("q", cancellationToken: TestModels.Deadline());
        await chat.GetResponseAsync("q", new ChatOptions { Temperature = 0.9f }, TestModels.Deadline());

        var bodies = Server.Requests.Select(r => r.Body!.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bodies[0].GetProperty("temperature").GetDouble(), Is.EqualTo(0.3).Within(1e-6));
            Assert.That(MaxTokens(bodies[0]), Is.EqualTo(777));
            Assert.That(bodies[1].GetProperty("temperature").GetDouble(), Is.EqualTo(0.9).Within(1e-6));
        });
    }

    [Test]
    public async Task Streams_a_tool_call_and_completes_the_round_trip_through_function_invocation()
    {
        Server.Enqueue(
            FakeReply.Tools(new FakeToolCall("call_1", "get_weather", """{"city":"Paris","unit":"celsius"}""")),
            FakeReply.Text("It is ", "sunny in Paris."));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("kimi-k2"))));
        string? calledWith = null;
        var tool = AIFunctionFactory.Create(
            (string city, string unit) =>
            {
                calledWith = $"{city}/{unit}";
                return "sunny, 25 degrees";
            },
            "get_weather",
            "Gets the weather for a city");
        var client = new ChatClientBuilder(catalog.GetChatClient(ModelRole.Agent)).UseFunctionInvocation().Build();

        var updates = await TestModels.ToListAsync(client.GetStreamingResponseAsync("Weather in Paris?", new ChatOptions { Tools = [tool] }, TestModels.Deadline()));

        Assert.That(calledWith, Is.EqualTo("Paris/celsius"));
        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("It is sunny in Paris."));
        var requests = Server.RequestsTo("/v1/chat/completions");
        Assert.That(requests, Has.Count.EqualTo(2));
        var firstBody = requests[0].Body!.Value;
        Assert.That(firstBody.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        var followUp = requests[1].Body!.Value.GetProperty("messages").EnumerateArray().ToList();
        var assistant = followUp.Single(m => m.GetProperty("role").GetString() == "assistant");
        var toolMessage = followUp.Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Multiple(() =>
        {
            Assert.That(assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString(), Is.EqualTo("call_1"));
            Assert.That(toolMessage.GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
            Assert.That(toolMessage.GetProperty("content").ToString(), Does.Contain("sunny, 25 degrees"));
        });
    }

    [Test]
    public async Task Surfaces_streamed_tool_call_arguments_assembled_from_their_pieces()
    {
        Server.Enqueue(FakeReply.Tools(
            new FakeToolCall("call_a", "read_file", """{"path":"src/Program.cs"}"""),
            new FakeToolCall("call_b", "list_dir", """{"path":"src"}""")));
        using var catalog = TestModels.Catalog(TestModels.Settings(TestModels.OpenAI(Server.BaseUrl), ("chat", TestModels.Model("MiniMax-M2"))));
        var tools = new AITool[]
        {
            AIFunctionFactory.Create((string path) => path, "read_file"),
            AIFunctionFactory.Create((string path) => path, "list_dir"),
        };

        var updates = await TestModels.ToListAsync(catalog.GetChatClient(ModelRole.Chat).GetStreamingResponseAsync("go", new ChatOptions { Tools = tools }, TestModels.Deadline()));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.That(calls.Select(c => (c.CallId, c.Name)), Is.EqualTo(new[] { ("call_a", "read_file"), ("call_b", "list_dir") }));
        Assert.That(calls[0].Arguments!["path"]?.ToString(), Is.EqualTo("src/Program.cs"));
        Assert.That(updates.Select(u => u.FinishReason).Last(f => f is not null), Is.EqualTo(ChatFinishReason.ToolCalls));
    }

    private static int MaxTokens(JsonElement body) =>
        body.TryGetProperty("max_completion_tokens", out var completion) ? completion.GetInt32() : body.GetProperty("max_tokens").GetInt32();
}
