using Microsoft.Data.Sqlite;
using Qoder.Lsp.Context.Memory;
using Qoder.Lsp.Embeddings;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>The SQLite memory store: round trips, persistence, scopes, validation and relevance, on real files in temp folders.</summary>
public sealed class MemoryStoreTests
{
    private const string ProjectA = "/work/project-a";
    private const string ProjectB = "/work/project-b";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qoder-memory-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string DatabasePath => Path.Combine(_folder, ".qoder", "memory.db");

    [Test]
    public void Add_get_update_delete_round_trip_with_every_field()
    {
        using var store = MemoryStore.Open(DatabasePath);

        var added = store.Add("  Integration tests need a local Redis.  ", MemoryScope.Project, ProjectA + "/", MemorySource.User, "project", ["testing", "redis", "testing"]);
        var read = store.Get(added.Id);
        var updated = store.Update(added.Id, "Integration tests need Redis 7 on port 6380.", tags: ["redis"]);
        var reread = store.Get(added.Id);

        Assert.That(read, Is.EqualTo(added).Using<MemoryEntry>(SameEntry));
        Assert.That(added.Content, Is.EqualTo("Integration tests need a local Redis."));
        Assert.That(added.ProjectRoot, Is.EqualTo(ProjectA), "the trailing separator is normalised away");
        Assert.That(added.Tags, Is.EqualTo(new[] { "testing", "redis" }));
        Assert.That(added.Category, Is.EqualTo("project"));
        Assert.That(added.Source, Is.EqualTo(MemorySource.User));
        Assert.That(updated!.Content, Is.EqualTo("Integration tests need Redis 7 on port 6380."));
        Assert.That(reread!.Category, Is.EqualTo("project"), "a category that was not given is kept");
        Assert.That(reread.Tags, Is.EqualTo(new[] { "redis" }));
        Assert.That(store.Delete(added.Id), Is.True);
        Assert.That(store.Get(added.Id), Is.Null);
        Assert.That(store.Delete(added.Id), Is.False);
        Assert.That(store.Update(added.Id, "gone"), Is.Null);
    }

    [Test]
    public void Memories_survive_closing_and_reopening_the_database()
    {
        string id;
        using (var store = MemoryStore.Open(DatabasePath))
        {
            id = store.Add("I prefer tabs over spaces.", MemoryScope.Global, null).Id;
            store.Add("Deploys go through the staging branch.", MemoryScope.Project, ProjectA, MemorySource.Learned, "project");
        }

        SqliteConnection.ClearAllPools();
        using var reopened = MemoryStore.Open(DatabasePath);

        Assert.That(reopened.List().Select(m => m.Content), Is.EquivalentTo(new[] { "I prefer tabs over spaces.", "Deploys go through the staging branch." }));
        Assert.That(reopened.Get(id)!.Scope, Is.EqualTo(MemoryScope.Global));
        Assert.That(reopened.List(MemoryScope.Project).Single().Source, Is.EqualTo(MemorySource.Learned));
        Assert.That(reopened.CheckIntegrity(), Is.EqualTo("ok"));
    }

    [Test]
    public void Scopes_isolate_projects()
    {
        using var store = MemoryStore.Open(DatabasePath);
        store.Add("Global: answer in English.", MemoryScope.Global, null);
        store.Add("Project A uses PostgreSQL 16.", MemoryScope.Project, ProjectA);
        store.Add("Project B uses MySQL 8.", MemoryScope.Project, ProjectB);

        Assert.That(store.List(projectRoot: ProjectA, includeGlobal: true).Select(m => m.Content), Is.EquivalentTo(new[] { "Global: answer in English.", "Project A uses PostgreSQL 16." }));
        Assert.That(store.List(projectRoot: ProjectB).Select(m => m.Content), Is.EqualTo(new[] { "Project B uses MySQL 8." }));
        Assert.That(store.List(MemoryScope.Global).Select(m => m.Content), Is.EqualTo(new[] { "Global: answer in English." }));
        Assert.That(store.SelectRelevant("which database does the project use", ProjectA, 10, 10_000).Select(m => m.Content), Is.EqualTo(new[] { "Project A uses PostgreSQL 16." }));
        Assert.That(store.SelectRelevant("which database version, MySQL or PostgreSQL?", null, 10, 10_000), Is.Empty, "without a project only global memories count");
    }

    [Test]
    public void Clear_deletes_by_scope_project_or_everything()
    {
        using var store = MemoryStore.Open(DatabasePath);
        store.Add("g1", MemoryScope.Global, null);
        store.Add("a1", MemoryScope.Project, ProjectA);
        store.Add("a2", MemoryScope.Project, ProjectA);
        store.Add("b1", MemoryScope.Project, ProjectB);

        Assert.That(store.Clear(MemoryScope.Project, ProjectA), Is.EqualTo(2));
        Assert.That(store.List().Select(m => m.Content), Is.EquivalentTo(new[] { "g1", "b1" }));
        Assert.That(store.Clear(MemoryScope.Global), Is.EqualTo(1));
        Assert.That(store.Clear(), Is.EqualTo(1));
        Assert.That(store.List(), Is.Empty);
    }

    [Test]
    public void Bad_content_is_rejected_and_nothing_is_stored()
    {
        using var store = MemoryStore.Open(DatabasePath);
        var kept = store.Add("keep me", MemoryScope.Global, null);

        Assert.Throws<ArgumentException>(() => store.Add("   ", MemoryScope.Global, null));
        var tooLong = Assert.Throws<ArgumentException>(() => store.Add(new string('x', MemoryStore.MaxContentLength + 1), MemoryScope.Global, null));
        Assert.Throws<ArgumentException>(() => store.Add("a project memory without a root", MemoryScope.Project, null));
        Assert.Throws<ArgumentException>(() => store.Update(kept.Id, ""));
        Assert.That(() => store.Add(new string('x', MemoryStore.MaxContentLength), MemoryScope.Global, null), Throws.Nothing);

        Assert.That(tooLong!.Message, Does.Contain("4,000"));
        Assert.That(store.List(), Has.Count.EqualTo(2));
        Assert.That(store.Get(kept.Id)!.Content, Is.EqualTo("keep me"));
    }

    [Test]
    public void Relevance_picks_the_matching_memory_and_respects_the_budgets()
    {
        using var store = MemoryStore.Open(DatabasePath);
        store.Add("The CI pipeline runs on GitHub Actions with a matrix of .NET 8 and .NET 10.", MemoryScope.Project, ProjectA);
        var redis = store.Add("Integration tests require a local Redis server on port 6380.", MemoryScope.Project, ProjectA);
        store.Add("I like concise answers without emoji.", MemoryScope.Global, null);
        store.Add("Release notes are written in docs/CHANGELOG.md by hand.", MemoryScope.Project, ProjectA);

        var best = store.SelectRelevant("why do my integration tests fail to connect to redis?", ProjectA, maxCount: 1, maxChars: 1_000);
        var none = store.SelectRelevant("kubernetes helm charts", ProjectA, 5, 1_000);
        var tight = store.SelectRelevant("tests redis release notes CI pipeline", ProjectA, maxCount: 10, maxChars: 70);

        Assert.That(best.Select(m => m.Id), Is.EqualTo(new[] { redis.Id }));
        Assert.That(store.Get(redis.Id)!.LastUsedAt, Is.Not.Null, "a selected memory is marked as used");
        Assert.That(none, Is.Empty);
        Assert.That(tight.Sum(m => m.Content.Length), Is.LessThanOrEqualTo(70));
        Assert.That(tight, Is.Not.Empty);
    }

    [Test]
    public void Code_identifiers_match_their_words()
    {
        using var store = MemoryStore.Open(DatabasePath);
        var memory = store.Add("Never call HttpClientFactory.CreateClient inside loops; reuse the typed client.", MemoryScope.Global, null);
        store.Add("Use snake_case for SQL column names.", MemoryScope.Global, null);

        Assert.That(store.SelectRelevant("creating an http client", null, 1, 1_000).Single().Id, Is.EqualTo(memory.Id));
    }

    [Test]
    public void Chinese_memories_match_by_characters()
    {
        using var store = MemoryStore.Open(DatabasePath);
        var redis = store.Add("集成测试前需要先启动 Redis", MemoryScope.Global, null);
        store.Add("回答请使用简体中文", MemoryScope.Global, null);

        Assert.That(store.SelectRelevant("为什么集成测试失败", null, 1, 1_000).Single().Id, Is.EqualTo(redis.Id));
    }

    [Test]
    public async Task With_embeddings_a_memory_is_found_by_meaning_when_no_word_matches()
    {
        using var store = MemoryStore.Open(DatabasePath);
        var memory = store.Add("Always reply to me in German.", MemoryScope.Global, null);
        store.Add("Prefer short commit messages in the imperative mood.", MemoryScope.Global, null);
        store.Add("The marketing site is deployed to Netlify.", MemoryScope.Project, ProjectA);
        store.Add("Integration tests need a PostgreSQL container started with docker compose up.", MemoryScope.Project, ProjectA);
        const string query = "What language should you answer in?";
        using var local = new LocalEmbeddingGenerator();

        var lexical = store.SelectRelevant(query, ProjectA, 1, 1_000);
        var hybrid = await store.SelectRelevantAsync(query, ProjectA, 1, 1_000, local);
        var again = await store.SelectRelevantAsync(query, ProjectA, 1, 1_000, local);

        Assert.That(lexical.Select(m => m.Id), Does.Not.Contain(memory.Id), "the words differ, so lexical alone misses it");
        Assert.That(hybrid.Select(m => m.Id), Is.EqualTo(new[] { memory.Id }));
        Assert.That(again.Select(m => m.Id), Is.EqualTo(new[] { memory.Id }), "with the vectors read back from the database");
    }

    [Test]
    public async Task Memory_vectors_are_computed_a_bounded_batch_per_query_and_then_reused()
    {
        using var store = MemoryStore.Open(DatabasePath);
        for (var i = 0; i < 40; i++)
        {
            store.Add($"memory {i}", MemoryScope.Global, null);
        }

        var embeddings = new FakeCountingEmbeddingGenerator();
        await store.SelectRelevantAsync("first query", null, 5, 1_000, embeddings);
        await store.SelectRelevantAsync("second query", null, 5, 1_000, embeddings);
        await store.SelectRelevantAsync("third query", null, 5, 1_000, embeddings);
        store.Update(store.List()[^1].Id, "changed content");
        await store.SelectRelevantAsync("fourth query", null, 5, 1_000, embeddings);

        // The query itself plus the memories still without a vector; an updated memory is embedded again.
        Assert.That(embeddings.BatchSizes, Is.EqualTo(new[] { 1 + MemoryStore.MaxVectorsPerQuery, 1 + 40 - MemoryStore.MaxVectorsPerQuery, 1, 2 }));
    }

    [Test]
    public void Two_stores_on_one_file_see_each_others_writes()
    {
        // Two server processes of the same user share ~/.qoder/memory.db.
        using var first = MemoryStore.Open(DatabasePath);
        using var second = MemoryStore.Open(DatabasePath);

        var added = first.Add("shared", MemoryScope.Global, null);
        Parallel.For(0, 50, i => (i % 2 == 0 ? first : second).Add($"parallel {i}", MemoryScope.Global, null));

        Assert.That(second.Get(added.Id)!.Content, Is.EqualTo("shared"));
        Assert.That(first.List(), Has.Count.EqualTo(51));
    }

    private static bool SameEntry(MemoryEntry a, MemoryEntry b) =>
        a.Id == b.Id && a.Scope == b.Scope && a.ProjectRoot == b.ProjectRoot && a.Content == b.Content && a.Category == b.Category
        && a.Tags.SequenceEqual(b.Tags) && a.Source == b.Source && a.CreatedAt == b.CreatedAt && a.UpdatedAt == b.UpdatedAt && a.LastUsedAt == b.LastUsedAt;
}
