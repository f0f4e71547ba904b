using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Store;

namespace Qoder.Lsp.Tests.Indexing;

/// <summary>
/// The store's two database files (main, full-text) after a crash between their commits, simulated by putting back an
/// older copy of one file: on open they are reconciled, so search never shows a file the main file does not hold in
/// that version, and never misses one it does.
/// </summary>
public sealed class IndexStoreTwoFileTests
{
    private readonly CodeChunker _chunker = new(new IndexingOptions());

    [Test]
    public void A_full_text_file_left_behind_is_caught_up_on_open()
    {
        using var workspace = new TempWorkspace();
        var databasePath = Path.Combine(workspace.Cache, "index.db");
        var ftsBackup = Path.Combine(workspace.Cache, "fts-backup.db");
        using (var store = new IndexStore(databasePath))
        {
            store.Write([Update("src/alpha.ts", "function alphaWombat() {\n  return 'wombat';\n}\n"), Update("src/beta.ts", "function betaOcelot() {\n  return 'ocelot';\n}\n")]);
            store.Checkpoint();
            File.Copy(IndexStore.FtsPathFor(databasePath), ftsBackup);
            // After the copy: an edit, a delete and a new file, which the restored full-text file will not hold.
            store.Write([Update("src/alpha.ts", "function alphaNarwhal() {\n  return 'narwhal';\n}\n"), Remove("src/beta.ts"), Update("src/gamma.ts", "function gammaQuokka() {\n  return 'quokka';\n}\n")]);
        }

        RestoreFtsFile(databasePath, ftsBackup);
        using var reopened = new IndexStore(databasePath);

        Assert.That(reopened.IntegrityCheck(), Is.EqualTo("ok"));
        Assert.That(Paths(reopened, "wombat"), Is.Empty, "the old version of an edited file");
        Assert.That(Paths(reopened, "narwhal"), Is.EqualTo(new[] { "src/alpha.ts" }), "the new version of an edited file");
        Assert.That(Paths(reopened, "ocelot"), Is.Empty, "a deleted file");
        Assert.That(Paths(reopened, "quokka"), Is.EqualTo(new[] { "src/gamma.ts" }), "a new file");
        Assert.That(reopened.SearchLexical(["gammaQuokka"], 5, []).Single().Chunk.Symbol, Is.EqualTo("gammaQuokka"), "symbol terms re-derived too");
    }

    [Test]
    public void A_full_text_file_ahead_of_the_main_file_loses_the_rows_the_main_file_lost()
    {
        using var workspace = new TempWorkspace();
        var databasePath = Path.Combine(workspace.Cache, "index.db");
        var mainBackup = Path.Combine(workspace.Cache, "main-backup.db");
        using (var store = new IndexStore(databasePath))
        {
            store.Write([Update("src/alpha.ts", "function alphaWombat() {\n  return 'wombat';\n}\n")]);
            store.Checkpoint();
            File.Copy(databasePath, mainBackup);
            // The main file's copy will not hold this write (as after a power loss), the full-text file will.
            store.Write([Update("src/beta.ts", "function betaOcelot() {\n  return 'ocelot';\n}\n"), Update("src/alpha.ts", "function alphaNarwhal() {\n  return 'narwhal';\n}\n")]);
        }

        DeleteWithJournal(databasePath);
        File.Copy(mainBackup, databasePath);
        using var reopened = new IndexStore(databasePath);
        // A new file after the reopen: its chunk ids must not collide with the full-text rows of the lost write.
        reopened.Write([Update("src/delta.ts", "function deltaAxolotl() {\n  return 'axolotl';\n}\n")]);

        Assert.That(reopened.IntegrityCheck(), Is.EqualTo("ok"));
        Assert.That(Paths(reopened, "ocelot"), Is.Empty);
        Assert.That(Paths(reopened, "narwhal"), Is.Empty);
        Assert.That(Paths(reopened, "wombat"), Is.EqualTo(new[] { "src/alpha.ts" }));
        Assert.That(Paths(reopened, "axolotl"), Is.EqualTo(new[] { "src/delta.ts" }));
    }

    [Test]
    public void A_lost_full_text_file_is_re_derived_from_the_stored_chunks_with_the_same_ranking()
    {
        using var workspace = new TempWorkspace();
        var databasePath = Path.Combine(workspace.Cache, "index.db");
        List<(long Id, double Score)> before;
        using (var store = new IndexStore(databasePath))
        {
            store.Write([.. Enumerable.Range(0, 60).Select(i => Update(
                $"pkg{i % 3}/widget{i}.ts",
                $"export class WidgetStore{i} {{\n  // holds widgets for the handler {i}\n  handle{i}(value) {{ return value + {i}; }}\n}}\n"))]);
            before = Ranked(store);
        }

        DeleteWithJournal(IndexStore.FtsPathFor(databasePath));
        using var reopened = new IndexStore(databasePath);

        Assert.That(before, Is.Not.Empty);
        Assert.That(Ranked(reopened), Is.EqualTo(before));
    }

    [Test]
    public void An_unreadable_full_text_file_is_made_anew_from_the_main_file()
    {
        using var workspace = new TempWorkspace();
        var databasePath = Path.Combine(workspace.Cache, "index.db");
        using (var store = new IndexStore(databasePath))
        {
            store.Write([Update("src/alpha.ts", "function alphaWombat() {\n  return 'wombat';\n}\n")]);
        }

        DeleteWithJournal(IndexStore.FtsPathFor(databasePath));
        File.WriteAllText(IndexStore.FtsPathFor(databasePath), new string('x', 8192));
        using var reopened = new IndexStore(databasePath);

        Assert.That(reopened.IntegrityCheck(), Is.EqualTo("ok"));
        Assert.That(Paths(reopened, "wombat"), Is.EqualTo(new[] { "src/alpha.ts" }));
    }

    [Test]
    public void A_failed_full_text_batch_is_reported_and_repaired_before_the_next_write()
    {
        using var workspace = new TempWorkspace();
        var databasePath = Path.Combine(workspace.Cache, "index.db");
        using var store = new IndexStore(databasePath);
        store.Write([Update("src/alpha.ts", "function alphaWombat() {\n  return 'wombat';\n}\n")]);

        // Another connection hides the full-text file's record table: the next full-text batch fails at once.
        RunOnFtsFile(databasePath, "ALTER TABLE fts_files RENAME TO fts_files_hidden");
        var committed = false;
        store.BeginWrite([Update("src/beta.ts", "function betaOcelot() {\n  return 'ocelot';\n}\n")], () => committed = true);
        var failure = Assert.Throws<InvalidOperationException>(store.WaitUntilSearchable);
        RunOnFtsFile(databasePath, "ALTER TABLE fts_files_hidden RENAME TO fts_files");
        var missedBeforeRepair = Paths(store, "ocelot");
        store.Write([Update("src/gamma.ts", "function gammaQuokka() {\n  return 'quokka';\n}\n")]);

        Assert.That(failure!.Message, Does.Contain("fts_files"));
        Assert.That(committed, Is.False, "no commit signal for a batch that is not searchable");
        Assert.That(missedBeforeRepair, Is.Empty);
        Assert.That(Paths(store, "ocelot"), Is.EqualTo(new[] { "src/beta.ts" }), "re-derived before the next write");
        Assert.That(Paths(store, "quokka"), Is.EqualTo(new[] { "src/gamma.ts" }));
        Assert.That(Paths(store, "wombat"), Is.EqualTo(new[] { "src/alpha.ts" }));
    }

    [Test]
    public void The_searchable_callback_runs_once_the_rows_are_searchable()
    {
        using var workspace = new TempWorkspace();
        using var store = new IndexStore(Path.Combine(workspace.Cache, "index.db"));
        var seenFromCallback = new List<string>();
        var done = new ManualResetEventSlim();

        store.BeginWrite([Update("src/alpha.ts", "function alphaWombat() {\n  return 'wombat';\n}\n")], () =>
        {
            seenFromCallback.AddRange(Paths(store, "wombat"));
            done.Set();
        });

        Assert.That(done.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(seenFromCallback, Is.EqualTo(new[] { "src/alpha.ts" }));
    }

    [Test]
    public void Rewriting_a_file_many_times_keeps_one_version_searchable()
    {
        using var workspace = new TempWorkspace();
        using var store = new IndexStore(Path.Combine(workspace.Cache, "index.db"));
        string[] words = ["wombat", "narwhal", "quokka", "ocelot", "axolotl"];
        foreach (var word in words)
        {
            // Pipelined: the next write starts before the previous one's full-text rows are committed.
            store.BeginWrite([Update("src/alpha.ts", $"function alpha() {{\n  return '{word}';\n}}\n"), Update($"src/{word}.ts", $"const {word}Kept = 1;\n")], null);
        }

        store.WaitUntilSearchable();

        Assert.That(words.SkipLast(1).SelectMany(word => Paths(store, word)), Is.EqualTo(words.SkipLast(1).Select(word => $"src/{word}.ts")));
        Assert.That(Paths(store, "axolotl"), Is.EquivalentTo(new[] { "src/alpha.ts", "src/axolotl.ts" }));
        Assert.That(store.Counts().Chunks, Is.EqualTo(words.Length + 1));
    }

    private static List<string> Paths(IndexStore store, string term) => [.. store.SearchLexical([term], 10, []).Select(result => result.Chunk.Path)];

    private static List<(long Id, double Score)> Ranked(IndexStore store) =>
        [.. store.SearchLexical(["widget", "handler", "store7"], 20, []).Select(result => (result.Chunk.Id, Math.Round(result.Score, 9)))];

    private static void RunOnFtsFile(string databasePath, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={IndexStore.FtsPathFor(databasePath)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void RestoreFtsFile(string databasePath, string backup)
    {
        var ftsPath = IndexStore.FtsPathFor(databasePath);
        DeleteWithJournal(ftsPath);
        File.Copy(backup, ftsPath);
    }

    private static void DeleteWithJournal(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private FileUpdate Update(string path, string text) => new(path, [1, 2, 3], 1, text.Length, _chunker.Chunk(path, text));

    private static FileUpdate Remove(string path) => new(path, [], 0, 0, null);
}
