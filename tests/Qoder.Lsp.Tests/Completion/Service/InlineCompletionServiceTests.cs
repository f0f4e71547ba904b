using Qoder.Lsp.Completion;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Tests.Configuration;

namespace Qoder.Lsp.Tests.Completion.Service;

/// <summary>The engine alone, on a fake clock: debounce and the cheap paths, with no server and no network.</summary>
public sealed class InlineCompletionServiceTests
{
    private const string Uri = "file:///repo/Program.cs";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static CompletionInput Input(string text, bool invoked = false, string languageId = "csharp") =>
        new(Uri, languageId, "/repo/Program.cs", text, text.Length, invoked);

    private static InlineCompletionService Service(FakeDebounceClock clock, ITextCompletionClient? client, CompletionSettings? settings = null) =>
        new(() => new FakeModelCatalog(client), new FakeCompletionPipeline(), () => settings ?? new CompletionSettings(), clock);

    [Test]
    public async Task An_automatic_trigger_asks_the_model_only_after_the_debounce()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var service = Service(clock, client);

        var pending = service.CompleteAsync(Input("int Answer() { "), CancellationToken.None);
        clock.Advance(TypingRhythm.Initial - TimeSpan.FromMilliseconds(1));

        Assert.That(client.Calls, Is.Empty, "no model call before the debounce has passed");
        Assert.That(pending.IsCompleted, Is.False);

        var called = client.Called;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await called.WaitAsync(Bound);
        var result = await pending.WaitAsync(Bound);

        Assert.That(result.Items.Select(item => item.InsertText), Is.EqualTo(new[] { "return 42;" }));
        Assert.That(result.Source, Is.EqualTo(InlineCompletionSource.Model));
    }

    [Test]
    public async Task An_invoked_trigger_does_not_wait()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var service = Service(clock, client);

        var result = await service.CompleteAsync(Input("int Answer() { ", invoked: true), CancellationToken.None).WaitAsync(Bound);

        Assert.That(result.Items.Select(item => item.InsertText), Is.EqualTo(new[] { "return 42;" }), "identical alternatives are shown once");
        Assert.That(client.Calls, Has.Count.EqualTo(3), "an invoked trigger asks for three alternatives");
    }

    [Test]
    public async Task Context_still_being_looked_up_when_the_debounce_ends_does_not_delay_an_automatic_request()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var pipeline = new FakeCompletionPipeline();
        var context = new FakeSlowContextSource();
        var service = new InlineCompletionService(() => new FakeModelCatalog(client), pipeline, () => new CompletionSettings(), clock, context);

        var pending = service.CompleteAsync(Input("int Answer() { "), CancellationToken.None);
        var called = client.Called;
        clock.Advance(TypingRhythm.Initial - TimeSpan.FromMilliseconds(1));
        Assert.That(context.ReadyByFired, Is.False, "the context has the whole debounce");
        Assert.That(client.Calls, Is.Empty);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await called.WaitAsync(Bound);
        var result = await pending.WaitAsync(Bound);

        Assert.That(context.ReadyByFired, Is.True);
        Assert.That(pipeline.LastInput!.Snippets, Is.EqualTo(new[] { FakeSlowContextSource.WhatWasReady }), "the prompt takes what was ready");
        Assert.That(result.Items.Select(item => item.InsertText), Is.EqualTo(new[] { "return 42;" }));
    }

    [Test]
    public async Task With_no_debounce_the_context_is_asked_at_once_for_what_is_ready_and_nothing_waits_for_a_timer()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var pipeline = new FakeCompletionPipeline();
        var context = new FakeSlowContextSource();
        var service = new InlineCompletionService(() => new FakeModelCatalog(client), pipeline, () => new CompletionSettings { DebounceMs = 0 }, clock, context);

        // The fake clock never moves: an answer proves no timer (debounce or readyBy) stood between request and model.
        var pending = service.CompleteAsync(Input("int Answer() { "), CancellationToken.None);
        Assert.That(context.ReadyByFiredWhenAsked, Is.Not.Null, "asked on the request's own thread, not after a thread-pool hop");
        var result = await pending.WaitAsync(Bound);

        Assert.That(context.ReadyByFiredWhenAsked, Is.True, "with no debounce the request cannot wait for any lookup");
        Assert.That(pipeline.LastInput!.Snippets, Is.EqualTo(new[] { FakeSlowContextSource.WhatWasReady }));
        Assert.That(result.Items.Select(item => item.InsertText), Is.EqualTo(new[] { "return 42;" }));
    }

    [Test]
    public async Task An_invoked_request_waits_for_its_context()
    {
        var clock = new FakeDebounceClock();
        var client = new FakeTextCompletionClient();
        var pipeline = new FakeCompletionPipeline();
        var context = new FakeSlowContextSource();
        var service = new InlineCompletionService(() => new FakeModelCatalog(client), pipeline, () => new CompletionSettings(), clock, context);

        var pending = service.CompleteAsync(Input("int Answer() { ", invoked: true), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(pending.IsCompleted, Is.False, "the user asked explicitly: the lookup's own budget bounds the wait, not the debounce");
        Assert.That(client.Calls, Is.Empty);

        context.Finish();
        await pending.WaitAsync(Bound);

        Assert.That(context.ReadyByFired, Is.False);
        Assert.That(pipeline.LastInput!.Snippets, Is.EqualTo(new[] { FakeSlowContextSource.Complete }));
    }

    [Test]
    public void The_debounce_adapts_to_the_typing_rhythm_within_100_to_400_ms()
    {
        var clock = new FakeDebounceClock();
        var service = Service(clock, new FakeTextCompletionClient());
        Assert.That(service.DebounceFor(Uri), Is.EqualTo(TypingRhythm.Initial), "no rhythm known yet");

        Type(service, clock, TimeSpan.FromMilliseconds(40), keystrokes: 10);
        Assert.That(service.DebounceFor(Uri), Is.EqualTo(TimeSpan.FromMilliseconds(100)), "a fast typist gets the minimum");

        clock.Advance(TimeSpan.FromSeconds(10));
        service.OnDocumentChanged(Uri);
        Assert.That(service.DebounceFor(Uri), Is.EqualTo(TimeSpan.FromMilliseconds(100)), "a pause is not part of the rhythm");

        Type(service, clock, TimeSpan.FromMilliseconds(150), keystrokes: 30);
        Assert.That(service.DebounceFor(Uri).TotalMilliseconds, Is.EqualTo(300).Within(1), "twice the average interval");

        Type(service, clock, TimeSpan.FromMilliseconds(600), keystrokes: 30);
        Assert.That(service.DebounceFor(Uri), Is.EqualTo(TimeSpan.FromMilliseconds(400)), "a slow typist gets the maximum");
    }

    [Test]
    public void A_configured_debounce_overrides_the_adaptive_one()
    {
        var clock = new FakeDebounceClock();
        var service = Service(clock, new FakeTextCompletionClient(), new CompletionSettings { DebounceMs = 30 });
        Type(service, clock, TimeSpan.FromMilliseconds(300), keystrokes: 5);

        Assert.That(service.DebounceFor(Uri), Is.EqualTo(TimeSpan.FromMilliseconds(30)));
    }

    [Test]
    public async Task Without_a_completion_model_the_error_says_what_to_configure()
    {
        var service = Service(new FakeDebounceClock(), client: null);

        var error = await Assert.ThrowsAsync<ModelNotConfiguredException>(() => service.CompleteAsync(Input("x = "), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("'completion'"));
    }

    [Test]
    public void Languages_and_extensions_can_be_switched_off()
    {
        var defaults = new CompletionSettings();
        Assert.That(InlineCompletionService.IsEnabled(defaults, "csharp", "/a/B.cs"), Is.True);
        Assert.That(InlineCompletionService.IsEnabled(defaults, "markdown", "/a/README.md"), Is.False);
        Assert.That(InlineCompletionService.IsEnabled(defaults, "plaintext", "/a/notes.txt"), Is.False);
        Assert.That(InlineCompletionService.IsEnabled(defaults with { DisabledExtensions = [".sql"] }, "sql", "/a/q.SQL"), Is.False);
        Assert.That(InlineCompletionService.IsEnabled(defaults with { DisabledExtensions = ["sql"] }, "sql", "/a/q.sql"), Is.False);
        Assert.That(InlineCompletionService.IsEnabled(defaults with { Enabled = false }, "csharp", "/a/B.cs"), Is.False);
    }

    [Test]
    public async Task Max_length_line_keeps_only_the_first_line()
    {
        var clock = new FakeDebounceClock();
        // The real pipeline applies the length (the service carries the setting into the prompt); without it both lines stay.
        var client = new FakeTextCompletionClient { Answer = "first();\n    second();" };
        var settings = new CompletionSettings { MaxLength = "line", DebounceMs = 0 };
        var service = new InlineCompletionService(() => new FakeModelCatalog(client), new Qoder.Lsp.Completion.Pipeline.CompletionPipeline(), () => settings, clock);

        var result = await service.CompleteAsync(Input("void M() { "), CancellationToken.None).WaitAsync(Bound);

        Assert.That(result.Items.Single().InsertText, Is.EqualTo("first();"));
    }

    [Test]
    public async Task Partial_accepts_are_cumulative_and_a_full_accept_covers_the_item()
    {
        var clock = new FakeDebounceClock();
        var service = Service(clock, new FakeTextCompletionClient(), new CompletionSettings { DebounceMs = 0 });
        var item = (await service.CompleteAsync(Input("int Answer() { "), CancellationToken.None).WaitAsync(Bound)).Items.Single();

        service.OnShown(item.Id);
        service.OnPartiallyAccepted(item.Id, 7);
        service.OnPartiallyAccepted(item.Id, 3);
        Assert.That(service.AcceptedLengthOf(item.Id), Is.EqualTo(7), "lengths are cumulative; a smaller one is a late duplicate");

        service.OnAccepted(item.Id);
        Assert.That(service.AcceptedLengthOf(item.Id), Is.EqualTo(item.InsertText.Length));
        Assert.That(service.Stats, Is.EqualTo(service.Stats with { Shown = 1, PartiallyAccepted = 2, Accepted = 1 }));
    }

    [Test]
    public async Task A_late_report_that_an_older_answer_was_shown_leaves_typing_through_on_the_latest_one()
    {
        var client = new FakeTextCompletionClient();
        var service = Service(new FakeDebounceClock(), client, new CompletionSettings { DebounceMs = 0 });
        var older = (await service.CompleteAsync(Input("int Answer() { "), CancellationToken.None).WaitAsync(Bound)).Items.Single();
        var latest = (await service.CompleteAsync(Input("int Other() { "), CancellationToken.None).WaitAsync(Bound)).Items.Single();

        service.OnShown(latest.Id);
        service.OnShown(older.Id);
        var typed = await service.CompleteAsync(Input("int Other() { r"), CancellationToken.None).WaitAsync(Bound);

        Assert.That(typed.Source, Is.EqualTo(InlineCompletionSource.TypingThrough));
        Assert.That(typed.Items.Single().InsertText, Is.EqualTo("eturn 42;"));
        Assert.That(client.Calls, Has.Count.EqualTo(2), "no model call for the typed-through keystroke");
        Assert.That(service.Stats.Shown, Is.EqualTo(2), "the late report is still counted");
    }

    [Test]
    public async Task A_document_is_prepared_once_after_its_first_request_to_the_model_and_again_after_it_was_closed()
    {
        var pipeline = new FakeCompletionPipeline();
        var service = new InlineCompletionService(() => new FakeModelCatalog(new FakeTextCompletionClient()), pipeline, () => new CompletionSettings(), new FakeDebounceClock());

        await service.CompleteAsync(Input("int Answer() { ", invoked: true), CancellationToken.None).WaitAsync(Bound);
        await WaitUntil(() => pipeline.Prepared.Count == 1);
        await service.CompleteAsync(Input("int Answer() { r", invoked: true), CancellationToken.None).WaitAsync(Bound);
        await service.CompleteAsync(Input("int Answer() { re", invoked: true), CancellationToken.None).WaitAsync(Bound);
        service.OnDocumentClosed(Uri);
        await service.CompleteAsync(Input("int Answer() { ret", invoked: true), CancellationToken.None).WaitAsync(Bound);
        await WaitUntil(() => pipeline.Prepared.Count == 2);

        Assert.That(pipeline.Prepared, Is.EqualTo(new[] { "int Answer() { ", "int Answer() { ret" }));
    }

    [Test]
    public async Task A_document_that_could_not_be_prepared_yet_is_tried_again_at_its_next_request()
    {
        var pipeline = new FakeCompletionPipeline { CanPrepare = false };
        var service = new InlineCompletionService(() => new FakeModelCatalog(new FakeTextCompletionClient()), pipeline, () => new CompletionSettings(), new FakeDebounceClock());

        await service.CompleteAsync(Input("int Answer() { ", invoked: true), CancellationToken.None).WaitAsync(Bound);
        await WaitUntil(() => pipeline.Prepared.Count == 1);
        pipeline.CanPrepare = true;
        await service.CompleteAsync(Input("int Other() { ", invoked: true), CancellationToken.None).WaitAsync(Bound);
        await WaitUntil(() => pipeline.Prepared.Count == 2);
        await service.CompleteAsync(Input("int Third() { ", invoked: true), CancellationToken.None).WaitAsync(Bound);

        Assert.That(pipeline.Prepared, Is.EqualTo(new[] { "int Answer() { ", "int Other() { " }), "once prepared, not again");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private static void Type(InlineCompletionService service, FakeDebounceClock clock, TimeSpan interval, int keystrokes)
    {
        for (var i = 0; i < keystrokes; i++)
        {
            clock.Advance(interval);
            service.OnDocumentChanged(Uri);
        }
    }
}
