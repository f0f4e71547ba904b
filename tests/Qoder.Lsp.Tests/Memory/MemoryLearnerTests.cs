using Microsoft.Data.Sqlite;
using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>Automatic learning: the off switch, defensive parsing of the model's answer, deduplication, secrets, scopes.</summary>
public sealed class MemoryLearnerTests
{
    private const string Project = "/src/shop";
    private string _folder = null!;
    private MemoryStore _store = null!;
    private MemorySettings _settings = null!;

    [SetUp]
    public void Open()
    {
        // NUnit reuses the fixture instance across tests, so every field starts here.
        _settings = new MemorySettings { AutoLearn = true };
        _folder = Directory.CreateTempSubdirectory("qoder-learn-").FullName;
        _store = MemoryStore.Open(Path.Combine(_folder, "memory.db"));
    }

    [TearDown]
    public void Close()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private MemoryLearner Learner => new(_store, () => _settings);

    [Test]
    public async Task Learns_new_memories_from_a_fenced_json_answer_with_prose_around_it()
    {
        var chat = new FakeExtractionChatClient("""
            Here is what I found:
            ```json
            {"memories": [
              {"content": "The user prefers xUnit-style test names in snake_case.", "category": "user", "scope": "global"},
              {"content": "Orders are sharded by customer id across 4 PostgreSQL databases.", "category": "project", "scope": "project"},
            ]}
            ```
            """);

        var learned = await Learner.LearnAsync(chat, "name tests in snake_case please; btw orders are sharded by customer id", "Done.", Project);

        Assert.That(learned.Select(m => (m.Content, m.Scope, m.Category, m.Source)), Is.EqualTo(new[]
        {
            ("The user prefers xUnit-style test names in snake_case.", MemoryScope.Global, (string?)"user", MemorySource.Learned),
            ("Orders are sharded by customer id across 4 PostgreSQL databases.", MemoryScope.Project, (string?)"project", MemorySource.Learned),
        }));
        Assert.That(learned[1].ProjectRoot, Is.EqualTo(Project));
        Assert.That(_store.List(), Has.Count.EqualTo(2));
        var prompt = chat.Calls.Single();
        Assert.That(prompt[0].Text, Does.Contain("Answer with JSON only"));
        Assert.That(prompt[1].Text, Does.Contain("orders are sharded by customer id").And.Contain("Assistant:\nDone."));
    }

    [Test]
    public async Task The_off_switch_stops_learning_without_calling_the_model()
    {
        _settings = new MemorySettings { AutoLearn = false };
        var chat = new FakeExtractionChatClient("""{"memories":[{"content":"x is y"}]}""");

        var learned = await Learner.LearnAsync(chat, "x is y", "ok", Project);

        Assert.That(learned, Is.Empty);
        Assert.That(chat.Calls, Is.Empty);
        Assert.That(_store.List(), Is.Empty);
    }

    [Test]
    public async Task Switching_off_while_the_model_answers_stores_nothing()
    {
        var chat = new FakeExtractionChatClient("""{"memories":[{"content":"The API is versioned in the URL path."}]}""")
        {
            BeforeAnswer = () => _settings = new MemorySettings { AutoLearn = false },
        };

        var learned = await Learner.LearnAsync(chat, "we version the API in the path", "noted", Project);

        Assert.That(learned, Is.Empty);
        Assert.That(_store.List(), Is.Empty);
    }

    [Test]
    public async Task Known_and_repeated_memories_are_not_stored_twice()
    {
        _store.Add("Use pnpm, never npm.", MemoryScope.Project, Project);
        var chat = new FakeExtractionChatClient("""
            [
              "use PNPM -- never npm!",
              {"content": "CI must stay under 10 minutes."},
              {"content": "ci must stay under 10 minutes"},
              {"content": "The staging database is refreshed every Sunday night."}
            ]
            """);

        var learned = await Learner.LearnAsync(chat, "...", "...", Project);

        Assert.That(learned.Select(m => m.Content), Is.EqualTo(new[] { "CI must stay under 10 minutes.", "The staging database is refreshed every Sunday night." }));
        Assert.That(_store.List(), Has.Count.EqualTo(3));
    }

    [TestCase("Sorry, I cannot help with that.")]
    [TestCase("{\"memories\": [")]
    [TestCase("{\"memories\": \"none\"}")]
    [TestCase("[1, 2, null, {\"content\": \"\"}]")]
    [TestCase("")]
    public async Task Unreadable_answers_store_nothing_and_do_not_throw(string answer)
    {
        var learned = await Learner.LearnAsync(new FakeExtractionChatClient(answer), "hello", "hi", Project);

        Assert.That(learned, Is.Empty);
        Assert.That(_store.List(), Is.Empty);
    }

    [Test]
    public async Task Secrets_and_oversized_items_are_dropped_and_at_most_three_are_kept()
    {
        var chat = new FakeExtractionChatClient($$"""
            {"memories":[
              {"content":"The staging password: hunter2hunter2"},
              {"content":"OpenAI key is sk-proj-abcdefghijklmnopqrstuv"},
              {"content":"{{new string('z', MemoryStore.MaxContentLength + 1)}}"},
              {"content":"one"}, {"content":"two two"}, {"content":"three three three"}, {"content":"four four four four"}
            ]}
            """);

        var learned = await Learner.LearnAsync(chat, "...", "...", Project);

        Assert.That(learned.Select(m => m.Content), Is.EqualTo(new[] { "one", "two two", "three three three" }));
        Assert.That(_store.List().Select(m => m.Content), Has.None.Contains("hunter2").And.None.Contains("sk-proj"));
    }

    [Test]
    public async Task Without_a_project_everything_learned_is_global()
    {
        var chat = new FakeExtractionChatClient("""{"memories":[{"content":"Builds use Bazel.","scope":"project"}]}""");

        var learned = await Learner.LearnAsync(chat, "...", "...", projectRoot: null);

        Assert.That(learned.Single().Scope, Is.EqualTo(MemoryScope.Global));
        Assert.That(learned.Single().ProjectRoot, Is.Null);
    }

    [Test]
    public async Task Clear_all_removes_learned_memories()
    {
        await Learner.LearnAsync(new FakeExtractionChatClient("""{"memories":[{"content":"Learned fact A."},{"content":"Global fact B.","scope":"global"}]}"""), "...", "...", Project);

        Assert.That(_store.Clear(), Is.EqualTo(2));
        Assert.That(_store.List(), Is.Empty);
    }
}
