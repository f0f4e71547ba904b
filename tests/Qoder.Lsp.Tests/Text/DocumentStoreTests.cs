using System.Collections.Concurrent;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

public sealed class DocumentStoreTests
{
    private const string Uri = "file:///src/a.cs";

    [Test]
    public void Open_change_and_close_a_document()
    {
        var store = new DocumentStore();

        var opened = store.Open(Uri, "csharp", 1, "class A\n{\n}\n");
        var changed = store.Change(Uri, 2, [TextChange.Insert(new LinePosition(1, 1), " int x;")]);

        Assert.That(store.TryGet(Uri, out var current), Is.True);
        Assert.That(current, Is.SameAs(changed));
        Assert.That((current!.Text, current.Version, current.LanguageId), Is.EqualTo(("class A\n{ int x;\n}\n", 2, "csharp")));
        Assert.That(opened.Text, Is.EqualTo("class A\n{\n}\n"));
        Assert.That(store.All, Is.EquivalentTo(new[] { changed }));

        Assert.That(store.Close(Uri), Is.True);
        Assert.That(store.TryGet(Uri, out _), Is.False);
        Assert.That(store.All, Is.Empty);
        Assert.That(store.Close(Uri), Is.False);
    }

    [Test]
    public void Reopening_replaces_the_document_whatever_its_version()
    {
        var store = new DocumentStore();
        store.Open(Uri, "csharp", 5, "old");

        var reopened = store.Open(Uri, "csharp", 1, "new");

        Assert.That(store.TryGet(Uri, out var current), Is.True);
        Assert.That(current, Is.SameAs(reopened));
        Assert.That(store.All, Has.Count.EqualTo(1));
    }

    [Test]
    public void Changing_a_document_that_is_not_open_names_it()
    {
        var store = new DocumentStore();

        Assert.That(
            () => store.Change(Uri, 2, [TextChange.FullText("x")]),
            Throws.TypeOf<DocumentNotOpenException>().With.Property(nameof(DocumentNotOpenException.Uri)).EqualTo(Uri).And.Message.Contains(Uri));
    }

    [TestCase("file:///c%3A/src/a.cs", "file:///C:/src/a.cs")]
    [TestCase("file:///C%3a/src/a.cs", "file:///c:/src/a.cs")]
    [TestCase("file:///d:/x", "file:///D%3A/x")]
    public void Drive_letters_match_whatever_their_case_and_encoding(string openedAs, string changedAs)
    {
        var store = new DocumentStore();
        store.Open(openedAs, "csharp", 1, "abc");

        var changed = store.Change(changedAs, 2, [TextChange.Insert(new LinePosition(0, 3), "d")]);

        Assert.That(changed.Uri, Is.EqualTo(openedAs), "the client's own spelling is kept for replies");
        Assert.That(store.TryGet(changedAs, out var byOther) && store.TryGet(openedAs, out var byOriginal) && ReferenceEquals(byOther, byOriginal), Is.True);
        Assert.That(store.Close(changedAs), Is.True);
        Assert.That(store.TryGet(openedAs, out _), Is.False);
    }

    [TestCase("file:///c:/Src/a.cs", "file:///c:/src/a.cs")]
    [TestCase("file:///c%3A/a%20b.cs", "file:///c:/a b.cs")]
    [TestCase("untitled:Untitled-1", "Untitled:Untitled-1")]
    public void Everything_but_the_drive_letter_is_compared_as_given(string first, string second)
    {
        var store = new DocumentStore();
        store.Open(first, "csharp", 1, "one");
        store.Open(second, "csharp", 1, "two");

        Assert.That(store.All, Has.Count.EqualTo(2));
    }

    [Test]
    public void Every_successful_mutation_raises_one_event_with_the_old_and_new_snapshot()
    {
        var store = new DocumentStore();
        var events = new List<DocumentChangedEventArgs>();
        store.DocumentChanged += (sender, e) =>
        {
            Assert.That(sender, Is.SameAs(store));
            events.Add(e);
        };

        var opened = store.Open(Uri, "csharp", 1, "a");
        var changed = store.Change(Uri, 2, [TextChange.Insert(new LinePosition(0, 1), "b")]);
        Assert.That(() => store.Change(Uri, 3, [TextChange.Insert(new LinePosition(5, 0), "b")]), Throws.TypeOf<TextDocumentEditException>());
        var reopened = store.Open(Uri, "csharp", 1, "c");
        store.Close(Uri);
        store.Close(Uri);

        Assert.That(
            events.Select(e => (e.Uri, e.OldDocument, e.NewDocument)),
            Is.EqualTo(new (string, TextDocument?, TextDocument?)[]
            {
                (Uri, null, opened),
                (Uri, opened, changed),
                (Uri, changed, reopened),
                (Uri, reopened, null),
            }));
    }

    [Test]
    public void After_a_rejected_edit_only_a_full_text_change_resynchronises_the_document()
    {
        var store = new DocumentStore();
        store.Open(Uri, "csharp", 1, "abc");
        Assert.That(() => store.Change(Uri, 2, [TextChange.Insert(new LinePosition(0, 9), "x")]), Throws.TypeOf<TextDocumentEditException>());

        // The client applied version 2 on its side, so an incremental version 3 would land on text we do not have.
        Assert.That(store.IsOutOfSync(Uri), Is.True);
        Assert.That(
            () => store.Change(Uri, 3, [TextChange.Insert(new LinePosition(0, 0), "y")]),
            Throws.TypeOf<TextDocumentEditException>().With.Message.Contains("out of sync").And.Message.Contains("character 9 is past the end of line 0"));
        Assert.That(store.TryGet(Uri, out var stale) ? (stale.Text, stale.Version) : default, Is.EqualTo(("abc", 1)));

        var resynced = store.Change(Uri, 4, [TextChange.Insert(new LinePosition(0, 0), "ignored"), TextChange.FullText("client text"), TextChange.Insert(new LinePosition(0, 11), "!")]);

        Assert.That((resynced.Text, resynced.Version), Is.EqualTo(("client text!", 4)));
        Assert.That(store.IsOutOfSync(Uri), Is.False);
        Assert.That(store.Change(Uri, 5, [TextChange.Delete(new LineRange(0, 0, 0, 7))]).Text, Is.EqualTo("text!"));
    }

    [Test]
    public void Reopening_resynchronises_a_document()
    {
        var store = new DocumentStore();
        store.Open(Uri, "csharp", 1, "abc");
        Assert.That(() => store.Change(Uri, 2, [TextChange.Delete(new LineRange(0, 2, 0, 1))]), Throws.TypeOf<TextDocumentEditException>());

        store.Open(Uri, "csharp", 7, "fresh");

        Assert.That(store.IsOutOfSync(Uri), Is.False);
        Assert.That(store.Change(Uri, 8, [TextChange.Insert(new LinePosition(0, 5), "!")]).Text, Is.EqualTo("fresh!"));
    }

    [Test]
    public void A_stale_version_is_refused_but_leaves_the_document_in_sync()
    {
        var store = new DocumentStore();
        store.Open(Uri, "csharp", 3, "abc");

        Assert.That(() => store.Change(Uri, 3, [TextChange.FullText("dup")]), Throws.TypeOf<TextDocumentEditException>().With.Message.Contains("already at version 3"));

        Assert.That(store.IsOutOfSync(Uri), Is.False);
        Assert.That(store.Change(Uri, 4, [TextChange.Insert(new LinePosition(0, 3), "d")]).Text, Is.EqualTo("abcd"));
    }

    [TestCase(3)]
    [TestCase(2)]
    public void A_stale_version_without_changes_is_a_no_op(int version)
    {
        var store = new DocumentStore();
        var opened = store.Open(Uri, "csharp", 3, "abc");
        var events = 0;
        store.DocumentChanged += (_, _) => events++;

        var result = store.Change(Uri, version, []);

        Assert.That(result, Is.SameAs(opened));
        Assert.That((events, store.IsOutOfSync(Uri)), Is.EqualTo((0, false)));
        Assert.That(store.Change(Uri, 4, [TextChange.Insert(new LinePosition(0, 3), "d")]).Text, Is.EqualTo("abcd"));
    }

    [Test]
    public void Readers_running_beside_a_writer_always_see_whole_snapshots()
    {
        const int Versions = 2000;
        var store = new DocumentStore();
        store.Open(Uri, "plaintext", 0, string.Empty);
        using var start = new Barrier(5);
        var writerDone = 0;
        var failures = new ConcurrentQueue<string>();
        var expectedLengths = new int[Versions + 1];
        for (var version = 1; version <= Versions; version++)
        {
            expectedLengths[version] = expectedLengths[version - 1] + version.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1;
        }

        var writer = RunOnOwnThread(() =>
        {
            start.SignalAndWait();
            for (var version = 1; version <= Versions; version++)
            {
                // Version v holds lines "1".."v", each ended by \n, so any reader can check a snapshot on its own.
                store.Change(Uri, version, [TextChange.Insert(new LinePosition(version - 1, 0), $"{version}\n")]);
            }

            Volatile.Write(ref writerDone, 1);
        });
        var readers = Enumerable.Range(0, 4).Select(_ => RunOnOwnThread(() =>
        {
            start.SignalAndWait();
            var lastVersion = -1;
            var done = false;
            while (!done)
            {
                // Read the flag first so the final snapshot is always checked once after the writer finished.
                done = Volatile.Read(ref writerDone) == 1;
                if (!store.TryGet(Uri, out var document))
                {
                    failures.Enqueue("document disappeared");
                    return;
                }

                var version = document.Version;
                if (version < lastVersion || document.LineCount != version + 1 || document.Text.Length != expectedLengths[version]
                    || (version > 0 && document.GetLineText(version - 1) != version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    || store.All.Single().Version < version)
                {
                    failures.Enqueue($"inconsistent snapshot at version {version} after {lastVersion}");
                    return;
                }

                lastVersion = version;
            }

            if (lastVersion != Versions)
            {
                failures.Enqueue($"last version seen {lastVersion}");
            }
        })).ToArray();

        Task.WaitAll([writer, .. readers]);

        Assert.That(failures, Is.Empty);
        Assert.That(store.TryGet(Uri, out var final) ? final.Version : -1, Is.EqualTo(Versions));

    }

    [Test]
    public void Concurrent_writers_never_lose_a_change_and_events_form_one_chain()
    {
        const int Writers = 4;
        const int EditsPerWriter = 250;
        var store = new DocumentStore();
        store.Open(Uri, "plaintext", 0, string.Empty);
        var events = new List<(int Old, int New)>();
        store.DocumentChanged += (_, e) => events.Add((e.OldDocument!.Version, e.NewDocument!.Version));
        using var start = new Barrier(Writers);

        var writers = Enumerable.Range(0, Writers).Select(writer => RunOnOwnThread(() =>
        {
            start.SignalAndWait();
            for (var edit = 0; edit < EditsPerWriter; edit++)
            {
                // Optimistic concurrency: a writer that lost the race sees its version refused and retries on the
                // newer snapshot, so every edit lands exactly once.
                while (true)
                {
                    store.TryGet(Uri, out var document);
                    try
                    {
                        store.Change(Uri, document!.Version + 1, [TextChange.Insert(new LinePosition(0, 0), ((char)('a' + writer)).ToString())]);
                        break;
                    }
                    catch (TextDocumentEditException)
                    {
                    }
                }
            }
        })).ToArray();

        Task.WaitAll(writers);

        Assert.That(store.TryGet(Uri, out var final), Is.True);
        Assert.That(final!.Version, Is.EqualTo(Writers * EditsPerWriter));
        Assert.That(final.Text.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()), Is.EqualTo(Enumerable.Range(0, Writers).ToDictionary(w => (char)('a' + w), _ => EditsPerWriter)));
        Assert.That(events.Select(e => e.Old), Is.EqualTo(Enumerable.Range(0, Writers * EditsPerWriter)));
        Assert.That(events.Select(e => e.New), Is.EqualTo(Enumerable.Range(1, Writers * EditsPerWriter)));
        Assert.That(store.IsOutOfSync(Uri), Is.False);
    }

    // The threads block on a barrier to start together; on the thread pool that would wait for thread injection.
    private static Task RunOnOwnThread(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
