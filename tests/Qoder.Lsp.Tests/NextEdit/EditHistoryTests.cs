using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit.History;

namespace Qoder.Lsp.Tests.NextEdit;

public sealed class EditHistoryTests
{
    private const string Uri = "file:///repo/calc.py";

    [Test]
    public void Selecting_a_word_and_typing_a_new_one_key_by_key_is_one_step()
    {
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "python", "x = $0total + 1\n");

        fixture.TypeOver(Uri, offset, "sum");

        var step = fixture.Service.History.Steps.Single();
        Assert.That((step.Start, step.OldText, step.NewText, step.Version), Is.EqualTo((4, "total", "sum", 4)));
        Assert.That(step.TextBefore(fixture.TextOf(Uri)), Is.EqualTo("x = total + 1\n"));
    }

    [Test]
    public void Backspacing_and_retyping_inside_the_step_stays_one_step_and_typing_it_away_leaves_none()
    {
        using var fixture = new NextEditFixture();
        fixture.Open(Uri, "python", "ab\n");

        fixture.Change(Uri, new LineRange(0, 2, 0, 2), "c");
        fixture.Change(Uri, new LineRange(0, 2, 0, 3), "");
        fixture.Change(Uri, new LineRange(0, 2, 0, 2), "d");
        Assert.That(fixture.Service.History.Steps.Single().NewText, Is.EqualTo("d"));

        fixture.Change(Uri, new LineRange(0, 2, 0, 3), "");
        Assert.That(fixture.Service.History.Steps, Is.Empty, "the document is back where it started");
    }

    [Test]
    public void Typing_words_and_spaces_in_front_of_indentation_is_one_step_per_line()
    {
        using var fixture = new NextEditFixture();
        fixture.Open(Uri, "python", "    pass\n");

        // The diff of a space typed before "    " places it after them; the step must still continue.
        foreach (var (character, key) in new[] { (0, "x"), (1, " "), (2, "y"), (3, " ") })
        {
            fixture.Change(Uri, new LineRange(0, character, 0, character), key);
        }

        Assert.That(fixture.Service.History.Steps.Select(step => (step.Start, step.OldText, step.NewText)), Is.EqualTo(new[] { (0, "", "x y ") }));
        Assert.That(fixture.TextOf(Uri), Is.EqualTo("x y     pass\n"));
    }

    [Test]
    public void A_line_break_a_pause_or_an_edit_elsewhere_starts_a_new_step()
    {
        using var fixture = new NextEditFixture();
        fixture.Open(Uri, "python", "a = 1\nb = 2\n");

        fixture.Change(Uri, new LineRange(0, 5, 0, 5), "0");
        fixture.Change(Uri, new LineRange(0, 6, 0, 6), "\n");
        fixture.Change(Uri, new LineRange(1, 0, 1, 0), "c");
        fixture.Clock.Now += TimeSpan.FromSeconds(30);
        fixture.Change(Uri, new LineRange(1, 1, 1, 1), "d");
        fixture.Change(Uri, new LineRange(2, 0, 2, 1), "e");

        Assert.That(fixture.Service.History.Steps.Select(step => (step.OldText, step.NewText)), Is.EqualTo(new[]
        {
            ("", "0"), ("", "\n"), ("", "c"), ("", "d"), ("b", "e"),
        }));
        Assert.That(fixture.Service.History.Steps.Select(step => step.Sequence), Is.Ordered.Ascending);
    }

    [Test]
    public void Steps_of_several_documents_are_kept_in_time_order_and_the_oldest_go_first_when_full()
    {
        var clock = new FakeEditClock();
        var history = new EditHistory(clock, maxSteps: 3);
        var documents = new DocumentStore();
        using var subscription = history.Attach(documents);
        documents.Open("file:///a.ts", "typescript", 1, "a\n");
        documents.Open("file:///b.ts", "typescript", 1, "b\n");

        for (var version = 2; version <= 5; version++)
        {
            var uri = version % 2 == 0 ? "file:///a.ts" : "file:///b.ts";
            clock.Now += TimeSpan.FromSeconds(1);
            documents.TryGet(uri, out var document);
            documents.Change(uri, version, [TextChange.Insert(document!.PositionOf(document.Text.Length), $"line{version}\n")]);
        }

        Assert.That(history.Steps.Select(step => (step.Uri, step.NewText)), Is.EqualTo(new[]
        {
            ("file:///b.ts", "line3\n"), ("file:///a.ts", "line4\n"), ("file:///b.ts", "line5\n"),
        }));
        Assert.That(history.Steps.Select(step => step.UpdatedAt), Is.Ordered.Ascending);
        Assert.That(history.LastStepOf("file:///a.ts")!.NewText, Is.EqualTo("line4\n"));
    }

    [Test]
    public void A_change_longer_than_a_step_may_be_is_not_kept_and_ends_the_step_before_it()
    {
        using var fixture = new NextEditFixture();
        fixture.Open(Uri, "python", "x = 1\n");
        fixture.Change(Uri, new LineRange(0, 0, 0, 1), "y");

        fixture.Change(Uri, new LineRange(1, 0, 1, 0), new string('#', EditHistory.MaxStepLength + 1));
        fixture.Change(Uri, new LineRange(0, 1, 0, 1), "z");

        Assert.That(fixture.Service.History.Steps.Select(step => (step.OldText, step.NewText)), Is.EqualTo(new[] { ("x", "y"), ("", "z") }),
            "the paste is dropped, and the typing after it does not merge into the step before it");
    }

    [Test]
    public void The_diff_of_two_texts_is_one_replacement_that_turns_one_into_the_other()
    {
        var random = new Random(4);
        for (var i = 0; i < 500; i++)
        {
            var before = new string([.. Enumerable.Range(0, random.Next(0, 400)).Select(_ => "ab \n"[random.Next(4)])]);
            var start = random.Next(0, before.Length + 1);
            var length = random.Next(0, before.Length - start + 1);
            var typed = new string('a', random.Next(0, 70));
            var after = string.Concat(before.AsSpan(0, start), typed, before.AsSpan(start + length));

            var (at, removed, inserted) = EditHistory.Diff(before, after);

            Assert.That(string.Concat(before.AsSpan(0, at), inserted, before.AsSpan(at + removed.Length)), Is.EqualTo(after));
            Assert.That((removed.Length <= length, inserted.Length <= typed.Length), Is.EqualTo((true, true)), "no larger than the edit made");
        }
    }

    [Test]
    public void Answered_suggestions_are_recorded_and_bounded()
    {
        var history = new EditHistory(new FakeEditClock(), maxSuggestions: 2);
        foreach (var (id, outcome) in new[] { ("ne-1", SuggestionOutcome.Accepted), ("ne-2", SuggestionOutcome.Rejected), ("ne-3", SuggestionOutcome.Ignored) })
        {
            history.RecordSuggestion(new SuggestionRecord(id, Uri, "rename a → b", outcome, DateTimeOffset.UnixEpoch));
        }

        Assert.That(history.Suggestions.Select(record => (record.Id, record.Outcome)), Is.EqualTo(new[] { ("ne-2", SuggestionOutcome.Rejected), ("ne-3", SuggestionOutcome.Ignored) }));
    }
}
