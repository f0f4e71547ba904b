using Qoder.Lsp.Completion.Context;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Completion.Context;

public sealed class RecentFilesTrackerTests
{
    [Test]
    public void Files_are_listed_most_recently_accessed_first()
    {
        var tracker = new RecentFilesTracker(new ManualClock());
        tracker.RecordView(Doc("file:///a.cs", "a"));
        tracker.RecordView(Doc("file:///b.cs", "b"));
        tracker.RecordView(Doc("file:///c.cs", "c"));
        tracker.RecordView(Doc("file:///a.cs", "a"));

        Assert.That(tracker.Snapshot().Select(file => file.Uri), Is.EqualTo(new[] { "file:///a.cs", "file:///c.cs", "file:///b.cs" }));
        Assert.That(tracker.Snapshot(excludeUri: "file:///c.cs").Select(file => file.Uri), Is.EqualTo(new[] { "file:///a.cs", "file:///b.cs" }));
    }

    [Test]
    public void The_least_recently_accessed_file_is_evicted_at_capacity()
    {
        var tracker = new RecentFilesTracker(new ManualClock(), capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            tracker.RecordView(Doc($"file:///{i}.cs", "x"));
        }

        tracker.RecordView(Doc("file:///2.cs", "x"));
        tracker.RecordView(Doc("file:///5.cs", "x"));

        Assert.That(tracker.Count, Is.EqualTo(3));
        Assert.That(tracker.Snapshot().Select(file => file.Uri), Is.EqualTo(new[] { "file:///5.cs", "file:///2.cs", "file:///4.cs" }));
    }

    [Test]
    public void The_store_feeds_views_edits_with_their_line_and_closes()
    {
        var clock = new ManualClock();
        var store = new DocumentStore();
        var tracker = new RecentFilesTracker(clock, uri => "/local" + uri["file://".Length..]);
        store.DocumentChanged += tracker.OnDocumentChanged;

        store.Open("file:///src/a.cs", "csharp", 1, "line0\nline1\nline2\nline3\n");
        clock.Now += TimeSpan.FromSeconds(5);
        store.Change("file:///src/a.cs", 2, [new TextChange(new LineRange(new LinePosition(2, 5), new LinePosition(2, 5)), "x")]);
        store.Change("file:///src/a.cs", 3, [new TextChange(new LineRange(new LinePosition(2, 6), new LinePosition(2, 6)), "y")]);
        store.Open("file:///src/b.cs", "csharp", 1, "b");

        var files = tracker.Snapshot();
        var a = files.Single(file => file.Uri == "file:///src/a.cs");
        Assert.That(files[0].Uri, Is.EqualTo("file:///src/b.cs"));
        Assert.That(a.Path, Is.EqualTo("/local/src/a.cs"));
        Assert.That(a.Document.Version, Is.EqualTo(3));
        Assert.That(a.LastEdit, Is.EqualTo(clock.Now));
        Assert.That(a.EditLines, Is.EqualTo(new[] { 2 }), "a burst of keystrokes on one line is one edit location");
        Assert.That(files.Single(file => file.Uri == "file:///src/b.cs").LastEdit, Is.Null);

        store.Close("file:///src/a.cs");
        Assert.That(tracker.Snapshot().Select(file => file.Uri), Is.EqualTo(new[] { "file:///src/b.cs" }));
    }

    [Test]
    public void A_stale_snapshot_from_a_request_does_not_replace_a_newer_edit()
    {
        var tracker = new RecentFilesTracker(new ManualClock());
        var v1 = Doc("file:///a.cs", "old", version: 1);
        var v2 = Doc("file:///a.cs", "new", version: 2);
        tracker.RecordView(v1);
        tracker.RecordEdit(v1, v2);
        tracker.RecordView(v1);

        Assert.That(tracker.Snapshot().Single().Document, Is.SameAs(v2));
    }

    [Test]
    public void Concurrent_recording_keeps_the_bound()
    {
        var tracker = new RecentFilesTracker(new ManualClock(), capacity: 20);
        Parallel.For(0, 2000, i =>
        {
            tracker.RecordView(Doc($"file:///{i % 50}.cs", "x"));
            _ = tracker.Snapshot();
        });

        Assert.That(tracker.Count, Is.EqualTo(20));
        Assert.That(tracker.Snapshot().Select(file => file.Uri).Distinct().Count(), Is.EqualTo(20));
    }

    private static TextDocument Doc(string uri, string text, int version = 1) => new(uri, "csharp", version, text);
}
