using System.Text.Json;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;
using Qoder.Lsp.Tests.Completion.Service;

namespace Qoder.Lsp.Tests.Completion.Context;

/// <summary>Snippets from other open documents reach the prompt the model receives, through the real server and pipeline.</summary>
public sealed class ContextSnippetsLspTests : WithFakeModelServer
{
    private const string Current = "file:///repo/Checkout.cs";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    [Test]
    public async Task A_similar_window_of_another_open_document_is_in_the_prompt_and_a_dotenv_never_is()
    {
        Server.DefaultReply = FakeReply.Text("1;");
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(initializationOptions: InlineCompletionLspTests.ModelSettings(Server.BaseUrl));
        await OpenAsync(session, "file:///repo/Billing.cs", "public Invoice CreateInvoice(Order order, int customerId)\n{\n    return billing.CreateInvoice(order, customerId);\n}\n");
        await OpenAsync(session, "file:///repo/.env", "ORDER_API_KEY=sk-very-secret-value\nbilling.CreateInvoice(order, customerId)\n");
        await OpenAsync(session, Current, "var order = repository.LoadOrder(customerId);\nvar invoice = billing.CreateInvoice(order, customerId);\nvar total = ");

        var result = await session.RequestAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = Current },
            position = new { line = 2, character = 12 },
            context = new { triggerKind = 2 },
        }).WaitAsync(Bound);

        Assert.That(result.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        var prompt = Server.Requests.Single(request => request.Path == "/v1/completions").Body!.Value.GetProperty("prompt").GetString();
        Assert.That(prompt, Does.Contain("public Invoice CreateInvoice(Order order, int customerId)"));
        Assert.That(prompt, Does.Contain("Billing.cs"));
        Assert.That(prompt, Does.Not.Contain("sk-very-secret-value").And.Not.Contain(".env"));
    }

    private static Task OpenAsync(InMemoryLspSession session, string uri, string text) =>
        session.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
}
