using System.Text.Json;
using Qoder.Lsp.Protocol;
using Qoder.Lsp.Testing;
using Qoder.Lsp.Testing.InMemory;
using StreamJsonRpc;

namespace Qoder.Lsp.Tests.Chat;

/// <summary>qoder/chat/turn over the in-memory session against the fake model server: streaming, history, prompt contents.</summary>
public sealed class ChatTurnTests : WithFakeModelServer
{
    private string _workspace = null!;

    [SetUp]
    public void CreateWorkspace() => _workspace = ChatTestKit.CreateWorkspace();

    [TearDown]
    public void DeleteWorkspace() => Directory.Delete(_workspace, recursive: true);

    [Test]
    public async Task StreamsTheReplyInOrderAndStoresTheExchange()
    {
        Server.Enqueue(FakeReply.Text("Use ", "`Span<T>`", " here.") with { PromptTokens = 1234 });
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "How do I avoid the copy?", workDoneToken = "turn-1" });

        Assert.That(result.Reply, Is.EqualTo("Use `Span<T>` here."));
        var reports = await ChatTestKit.ReportsAsync(session, "turn-1");
        var deltas = reports.Where(report => report.GetProperty("type").GetString() == "text").Select(report => report.GetProperty("text").GetString());
        Assert.That(deltas, Is.EqualTo(new[] { "Use ", "`Span<T>`", " here." }));
        Assert.That(reports.Last().GetProperty("type").GetString(), Is.EqualTo("usage"), "usage is reported after the last delta");
        Assert.That(result.Usage, Is.EqualTo(new ChatUsageInfo(1234, 3, Estimated: false)), "the provider's counts, from the stream's usage chunk");
        Assert.That(result.ContextTokens, Is.EqualTo(1237));

        var stored = await session.RequestAsync<ChatSessionResult>(QoderMethods.ChatSession, new { sessionId = result.SessionId });
        Assert.That(stored.Session.Title, Is.EqualTo("How do I avoid the copy?"));
        Assert.That(stored.Messages.Select(m => (m.Role, m.Text, m.State)), Is.EqualTo(new[]
        {
            ("user", "How do I avoid the copy?", "complete"),
            ("assistant", "Use `Span<T>` here.", "complete"),
        }));
    }

    [Test]
    public async Task ASecondTurnSendsTheHistoryAndTheSystemPromptSaysAskIsReadOnly()
    {
        Server.Enqueue(FakeReply.Text("First answer."), FakeReply.Text("Second answer."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var first = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "first question" });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { sessionId = first.SessionId, message = "second question" });

        var messages = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[1]);
        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { "system", "user", "assistant", "user" }));
        Assert.That(messages[1].Text, Is.EqualTo("first question"));
        Assert.That(messages[2].Text, Is.EqualTo("First answer."));
        Assert.That(messages[3].Text, Is.EqualTo("second question"));
        Assert.That(messages[0].Text, Does.Contain("Mode: Ask").And.Contain("cannot change files"));
        var list = await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatSessions);
        Assert.That(list.Sessions.Select(s => s.Id), Is.EqualTo(new[] { first.SessionId }));
    }

    [Test]
    public async Task RulesOfEachKindMemoriesAndContextItemsReachThePromptAsSpecified()
    {
        ChatTestKit.Write(_workspace, "AGENTS.md", "AGENTS-TEXT: build with make.");
        ChatTestKit.Write(_workspace, ".qoder/rules/always.md", "---\ntrigger: always_on\n---\nALWAYS-RULE: prefer records.");
        ChatTestKit.Write(_workspace, ".qoder/rules/csharp.md", "---\ntrigger: glob\nglob: \"**/*.cs\"\n---\nGLOB-RULE: file-scoped namespaces.");
        ChatTestKit.Write(_workspace, ".qoder/rules/python.md", "---\ntrigger: glob\nglob: \"**/*.py\"\n---\nPYTHON-RULE: use black.");
        ChatTestKit.Write(_workspace, ".qoder/rules/manual.md", "---\ntrigger: manual\n---\nMANUAL-RULE: explain like a senior.");
        ChatTestKit.Write(_workspace, ".qoder/rules/security.md", "---\ntrigger: model_decision\ndescription: Security review checklist\n---\nDECISION-BODY: check input validation.");
        ChatTestKit.Write(_workspace, "src/App.cs", "namespace Demo;\npublic sealed class App { }\n");
        Server.Enqueue(FakeReply.Text("ok"), FakeReply.Text("ok"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);
        await session.RequestAsync<JsonElement>("qoder/memory/add", new { content = "MEMORY: the team deploys on Fridays", scope = "global" });
        var app = new Uri(Path.Combine(_workspace, "src/App.cs")).AbsoluteUri;

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "When does the team deploy App?", context = new object[] { new { kind = "file", uri = app } } });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "Explain App", context = new object[] { new { kind = "rule", name = "manual" } } });

        var withFile = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0]);
        Assert.That(withFile[0].Text, Does.Contain("AGENTS-TEXT").And.Contain("ALWAYS-RULE").And.Contain("GLOB-RULE")
            .And.Contain("Security review checklist").And.Contain("MEMORY: the team deploys on Fridays"));
        Assert.That(withFile[0].Text, Does.Not.Contain("PYTHON-RULE").And.Not.Contain("MANUAL-RULE").And.Not.Contain("DECISION-BODY"));
        Assert.That(withFile[^1].Text, Does.Contain("File ").And.Contain("public sealed class App").And.EndWith("When does the team deploy App?"));

        var withManualRule = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[1]);
        Assert.That(withManualRule[0].Text, Does.Contain("MANUAL-RULE").And.Not.Contain("GLOB-RULE"), "no .cs file in context, the manual rule was named");
    }

    [Test]
    public async Task ContextTooLargeForTheWindowIsTrimmedWithAVisibleNote()
    {
        ChatTestKit.Write(_workspace, "big.txt", string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i} of a long log file")));
        Server.Enqueue(FakeReply.Text("ok"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, ChatTestKit.Settings(Server, contextWindow: 8_000, maxOutputTokens: 1_000));
        var uri = new Uri(Path.Combine(_workspace, "big.txt")).AbsoluteUri;

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "summarize", context = new object[] { new { kind = "file", uri } } });

        Assert.That(result.Notes, Has.Some.Contains("big.txt was trimmed to its first"));
        var prompt = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text;
        Assert.That(prompt, Does.Contain("line 0 of a long log file").And.Not.Contain("line 19999").And.Contain("was trimmed to its first"));
    }

    [Test]
    public async Task CustomCommandsExpandWithTheirArguments()
    {
        ChatTestKit.Write(_workspace, ".qoder/commands/git/commit-msg.md", "---\ndescription: Write a commit message\n---\nWrite a conventional commit message for: $ARGUMENTS");
        Server.Enqueue(FakeReply.Text("feat: add paging"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/git:commit-msg paging for orders" });

        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text, Is.EqualTo("Write a conventional commit message for: paging for orders"));
    }

    [Test]
    public async Task CompactReplacesTheHistoryWithASummaryThatLaterTurnsCarry()
    {
        Server.Enqueue(FakeReply.Text("Answer one."), FakeReply.Text("Answer two."), FakeReply.Text("- SUMMARY: user works on paging"), FakeReply.Text("Answer three."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);
        var first = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "question one" });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { sessionId = first.SessionId, message = "question two" });

        var compact = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { sessionId = first.SessionId, message = "/compact keep the paging decisions" });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { sessionId = first.SessionId, message = "question three" });

        Assert.That(compact.Reply, Does.Contain("Compacted 4 messages").And.Contain("lossy"));
        var summaryRequest = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[2]);
        Assert.That(summaryRequest[^1].Text, Does.Contain("question one").And.Contain("Answer two.").And.Contain("keep the paging decisions"));
        var after = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[3]);
        Assert.That(after[0].Text, Does.Contain("SUMMARY: user works on paging"));
        Assert.That(after.Skip(1).Select(m => m.Text), Is.EqualTo(new[] { "question three" }), "compacted messages no longer reach the model");
        var stored = await session.RequestAsync<ChatSessionResult>(QoderMethods.ChatSession, new { sessionId = first.SessionId });
        Assert.That(stored.Messages.Count(m => m.Compacted), Is.EqualTo(4), "the compacted messages are kept for the user");
    }

    [Test]
    public async Task ALongConversationOffersCompactionAndCompactsAutomaticallyBeforeOverflowing()
    {
        var longAnswer = Enumerable.Repeat("detail ", 3_200).ToArray();
        Server.Enqueue(FakeReply.Text(longAnswer), FakeReply.Text("- SUMMARY-AUTO"), FakeReply.Text("short"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, ChatTestKit.Settings(Server, contextWindow: 4_000, maxOutputTokens: 500));

        var first = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "tell me everything" });
        var second = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { sessionId = first.SessionId, message = "and now?" });

        Assert.That(first.CompactSuggested, Is.True, $"{first.ContextTokens} of {first.ContextWindow} tokens");
        Assert.That(second.Notes, Has.Some.Contains("compacted automatically"));
        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[2])[0].Text, Does.Contain("SUMMARY-AUTO"));
    }

    [Test]
    public async Task CodeBlocksCarryTheirTargetFile()
    {
        Server.Enqueue(FakeReply.Text("Change it:\n```csharp path=src/App.cs\npublic sealed record App;\n```\nand run:\n```bash\ndotnet test\n```\n"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "make App a record" });

        Assert.That(result.CodeBlocks.Select(b => (b.Language, b.Path, b.Code)), Is.EqualTo(new[]
        {
            ("csharp", (string?)"src/App.cs", "public sealed record App;\n"),
            ("bash", null, "dotnet test\n"),
        }));
        Assert.That(result.CodeBlocks[0].Uri, Is.EqualTo(new Uri(Path.Combine(_workspace, "src/App.cs")).AbsoluteUri));
    }

    [Test]
    public async Task AskModeToolsReadWorkspaceFilesButNotSecretsOrFilesOutsideIt()
    {
        ChatTestKit.Write(_workspace, "src/Util.cs", "static class Util { public static int Answer => 42; }");
        ChatTestKit.Write(_workspace, ".env", "API_KEY=sk-secret-value");
        Server.Enqueue(
            FakeReply.Tools(new FakeToolCall("c1", "read_file", "{\"path\":\"src/Util.cs\"}"), new FakeToolCall("c2", "read_file", "{\"path\":\".env\"}"), new FakeToolCall("c3", "read_file", "{\"path\":\"/etc/passwd\"}")),
            FakeReply.Text("Util.Answer is 42."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "what does Util return?", workDoneToken = "tools" });

        Assert.That(result.Reply, Is.EqualTo("Util.Answer is 42."));
        var toolResults = Server.RequestsTo("/chat/completions")[1].BodyText;
        Assert.That(toolResults, Does.Contain("public static int Answer => 42"));
        Assert.That(toolResults, Does.Not.Contain("sk-secret-value").And.Not.Contain("root:x:0"));
        Assert.That(toolResults, Does.Contain("holds secrets").And.Contain("outside the workspace"));
        var calls = (await ChatTestKit.ReportsAsync(session, "tools")).Where(r => r.GetProperty("type").GetString() == "toolCall").Select(r => r.GetProperty("toolCall").GetProperty("status").GetString());
        Assert.That(calls, Is.EqualTo(new[] { "running", "running", "running", "done", "failed", "failed" }));
    }

    [Test]
    public async Task BadInputGetsClearErrorsAndChangesNothing()
    {
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);
        var missing = new Uri(Path.Combine(_workspace, "nope.cs")).AbsoluteUri;
        var image = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var huge = Convert.ToBase64String(new byte[21 * 1024 * 1024]);

        Task<RemoteRpcException> Fails(object request) => ChatTestKit.FailsAsync(() => session.RequestAsync<JsonElement>(QoderMethods.ChatTurn, request));

        Assert.That((await Fails(new { sessionId = "no-such-session", message = "hi" })).Message, Does.Contain("no chat session 'no-such-session'"));
        Assert.That((await Fails(new { message = "hi", context = new object[] { new { kind = "file", uri = missing } } })).Message, Does.Contain("no such file"));
        Assert.That((await Fails(new { message = "hi", context = new object[] { new { kind = "attachment", name = "shot.png", data = image } } })).Message, Does.Contain("does not accept images"));
        Assert.That((await Fails(new { message = "hi", context = new object[] { new { kind = "attachment", name = "dump.log", data = huge } } })).Message, Does.Contain("the limit is 20 MB"));
        Assert.That(ChatTestKit.Code(await Fails(new { message = "hi", context = new object[] { new { kind = "telepathy" } } })), Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That((await Fails(new { message = "  " })).Message, Does.Contain("empty"));
        Assert.That((await Fails(new { message = "hi", mode = "yolo" })).Message, Does.Contain("ask, agent or plan"));

        Assert.That(Server.RequestsTo("/chat/completions"), Is.Empty, "nothing reached the model");
        Assert.That((await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatSessions)).Sessions, Is.Empty, "no session was created");
    }

    [Test]
    public async Task ImagesGoToAMultimodalModelAsImages()
    {
        Server.Enqueue(FakeReply.Text("A red square."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, ChatTestKit.Settings(Server, supportsImages: true));
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "what is this?", context = new object[] { new { kind = "attachment", name = "shot.png", mediaType = "image/png", data = png } } });

        var user = Server.RequestsTo("/chat/completions")[0].Body!.Value.GetProperty("messages")[1].GetProperty("content");
        Assert.That(user.EnumerateArray().Select(part => part.GetProperty("type").GetString()), Does.Contain("image_url"));
        Assert.That(user.ToString(), Does.Contain("data:image/png;base64," + png));
    }

    [Test]
    public async Task SessionsCanBeRenamedAndDeleted()
    {
        Server.Enqueue(FakeReply.Text("ok"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);
        var turn = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "hello" });

        var renamed = await session.RequestAsync<ChatSessionSummary>(QoderMethods.ChatRenameSession, new { sessionId = turn.SessionId, title = "Greetings" });
        Assert.That(renamed.Title, Is.EqualTo("Greetings"));
        Assert.That((await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatSessions)).Sessions.Single().Title, Is.EqualTo("Greetings"));

        var remaining = await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatDeleteSession, new { sessionId = turn.SessionId });
        Assert.That(remaining.Sessions, Is.Empty);
        Assert.That((await session.RequestAsync<ChatSessionsResult>(QoderMethods.ChatSessions)).Sessions, Is.Empty);
        var error = await ChatTestKit.FailsAsync(() => session.RequestAsync<JsonElement?>(QoderMethods.ChatDeleteSession, new { sessionId = turn.SessionId }));
        Assert.That(ChatTestKit.Code(error), Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Message, Does.Contain("no chat session"));
    }

    [Test]
    public async Task RememberingInChatStoresAMemoryThatLaterTurnsCarry()
    {
        Server.Enqueue(FakeReply.Text("Noted."), FakeReply.Text("Tabs it is."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var first = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "remember that this project indents with tabs" });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "how should I indent the new file?" });

        Assert.That(first.Notes, Has.Some.Contains("Saved to memory").And.Some.Contains("indents with tabs"));
        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[1])[0].Text, Does.Contain("# Memories").And.Contain("indents with tabs"));
    }

    [Test]
    public async Task PlanCommandSwitchesTheTurnToPlanMode()
    {
        Server.Enqueue(FakeReply.Text("Plan:\n1. Add a **PageRequest** type\n   - with page and size\n2. Page the query in `OrderRepository`\n```sql\n1. not a step\n```\n3. Test the last page"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/plan add paging to the orders API", workDoneToken = "plan" });

        Assert.That(result.Todos.Select(t => t.Text), Is.EqualTo(new[] { "Add a PageRequest type", "Page the query in `OrderRepository`", "Test the last page" }));
        var reported = (await ChatTestKit.ReportsAsync(session, "plan")).Single(r => r.GetProperty("type").GetString() == "todos");
        Assert.That(reported.GetProperty("todos").GetArrayLength(), Is.EqualTo(3));

        var messages = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0]);
        Assert.That(messages[0].Text, Does.Contain("Mode: Plan"));
        Assert.That(messages[^1].Text, Is.EqualTo("add paging to the orders API"));
    }

    [Test]
    public async Task TheResponseLanguageSettingIsInTheSystemPrompt()
    {
        Server.Enqueue(FakeReply.Text("好的"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, ChatTestKit.Settings(Server, chat: new { responseLanguage = "简体中文" }));

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "explain this" });

        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[0].Text, Does.Contain("Always reply in 简体中文"));
    }

    [Test]
    public async Task CodebaseContextBringsTheIndexedCodeThatMatches()
    {
        ChatTestKit.Write(_workspace, "src/Billing/InvoiceCalculator.cs", "namespace Billing;\npublic sealed class InvoiceCalculator\n{\n    public decimal Total(decimal net, decimal taxRate) => net * (1 + taxRate);\n}\n");
        ChatTestKit.Write(_workspace, "src/Shipping/Parcel.cs", "namespace Shipping;\npublic sealed record Parcel(double WeightKg);\n");
        Server.Enqueue(FakeReply.Text("It multiplies."));
        var settings = new
        {
            models = new { providers = new { main = new { type = "openai", baseUrl = Server.BaseUrl } }, roles = new { chat = new { provider = "main", model = "fake-model" } } },
            indexing = new { embeddings = false },
        };
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, settings);
        await Indexing.IndexWaits.IndexedAsync(session.Server.Indexing.Service, files: 2);

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "How is the invoice total computed?", context = new object[] { new { kind = "codebase" } } });

        var prompt = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text;
        Assert.That(prompt, Does.Contain("Codebase search for").And.Contain("src/Billing/InvoiceCalculator.cs").And.Contain("net * (1 + taxRate)"));
    }

    [Test]
    public async Task TheDatabaseCommandsBringTheRelevantSchema()
    {
        var connectionString = $"Data Source={Path.Combine(_workspace, "shop.db")}";
        await Database.DatabaseTestKit.ExecuteAsync(Qoder.Lsp.Database.Model.DatabaseDialect.Sqlite, connectionString,
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL); CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL);");
        Server.Enqueue(FakeReply.Text("```sql\nSELECT 1;\n```"), FakeReply.Text("- orders.customer_id has no index"), FakeReply.Text("INSERT INTO customers VALUES (1, 'a@b.c');"));
        var settings = new
        {
            models = new { providers = new { main = new { type = "openai", baseUrl = Server.BaseUrl } }, roles = new { chat = new { provider = "main", model = "fake-model" } } },
            databases = new[] { new { name = "shop", dialect = "sqlite", connectionString } },
        };
        await using var session = await ChatTestKit.StartAsync(Server, _workspace, settings);

        var sql = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/sql total amount per customer email", context = new object[] { new { kind = "database", name = "shop" } } });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/db-review" });
        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/mock-data 3 customers" });

        var prompts = Server.RequestsTo("/chat/completions").Select(request => ChatTestKit.Messages(request)[^1].Text).ToList();
        Assert.That(prompts, Has.All.Contain("Database shop (schema)").And.All.Contain("CREATE TABLE customers").And.All.Contain("CREATE TABLE orders"),
            "the only connection is used when @database is not given");
        Assert.That(prompts[0], Does.Contain("Generate SQL statements based on the current database schema").And.EndWith("total amount per customer email"));
        Assert.That(prompts[1], Does.Contain("naming conventions, index design, data types, table relationships"));
        Assert.That(prompts[2], Does.Contain("Generate INSERT test data").And.EndWith("3 customers"));
        Assert.That(string.Concat(prompts), Does.Not.Contain(connectionString), "the connection string never reaches a prompt");
        Assert.That(sql.CodeBlocks.Single().Language, Is.EqualTo("sql"));
    }

    [Test]
    public async Task ADatabaseCommandWithoutAConnectionSaysWhatIsMissing()
    {
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        var error = await ChatTestKit.FailsAsync(() => session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/sql all orders" }));

        Assert.That(error.Message, Does.Contain("no database connection is configured"));
        Assert.That(Server.RequestsTo("/chat/completions"), Is.Empty);
    }

    [Test]
    public async Task PdfAttachmentsReachThePromptAsText()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        page.AddText("Refunds are processed within 14 days.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        var pdf = Convert.ToBase64String(builder.Build());
        Server.Enqueue(FakeReply.Text("14 days."));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);

        await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "How long do refunds take?", context = new object[] { new { kind = "attachment", name = "policy.pdf", data = pdf } } });

        Assert.That(ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text, Does.Contain("Attachment policy.pdf").And.Contain("Refunds are processed within 14 days."));
    }

    [Test]
    public async Task InitAsksForAnAgentsFileWithTheWorkspaceLayoutAndMemoryListsMemories()
    {
        ChatTestKit.Write(_workspace, "README.md", "# Shop");
        ChatTestKit.Write(_workspace, "src/Program.cs", "return 0;");
        Server.Enqueue(FakeReply.Text("```markdown path=AGENTS.md\n# Shop\n```"));
        await using var session = await ChatTestKit.StartAsync(Server, _workspace);
        await session.RequestAsync<JsonElement>("qoder/memory/add", new { content = "prefers short answers", scope = "global" });

        var init = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/init" });
        var memory = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "/memory" });

        var prompt = ChatTestKit.Messages(Server.RequestsTo("/chat/completions")[0])[^1].Text;
        Assert.That(prompt, Does.Contain("Write an AGENTS.md").And.Contain("README.md").And.Contain("src/Program.cs"));
        Assert.That(init.CodeBlocks.Single().Path, Is.EqualTo("AGENTS.md"));
        Assert.That(memory.Reply, Does.Contain("prefers short answers"));
        Assert.That(Server.RequestsTo("/chat/completions"), Has.Count.EqualTo(1), "/memory answers without a model call");
    }

    [Test]
    public async Task WithoutAWorkspaceFolderARememberedProjectFactIsKeptGlobally()
    {
        Server.Enqueue(FakeReply.Text("Noted."));
        await using var session = await InMemoryLspSession.StartAsync();
        await session.InitializeAndInitializedAsync(new { }, ChatTestKit.Settings(Server));

        var result = await session.RequestAsync<ChatTurnResult>(QoderMethods.ChatTurn, new { message = "remember that I deploy with Helm" });

        Assert.That(result.Notes, Has.Some.Contains("deploy with Helm"));
        var memories = await session.RequestAsync<JsonElement>("qoder/memory/list", new { scope = "global" });
        Assert.That(memories.ToString(), Does.Contain("deploy with Helm"));
    }
}
