using Qoder.Lsp.Core.Work;

namespace Qoder.Lsp.Tests.Work;

/// <summary>Young collections move to quiet moments once the runtime's budget is known, and only when nearly due.</summary>
public sealed class IdleGarbageCollectorTests
{
    private const long MB = 1024 * 1024;

    [Test]
    public void Nothing_is_collected_before_the_runtime_has_collected_on_its_own()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);

        for (var second = 0; second < 20; second++)
        {
            gc.Allocate(50 * MB);
            Assert.That(idle.CollectIfDue(second * 1000), Is.False);
        }

        Assert.That(gc.Induced, Is.Zero);
        Assert.That(idle.LearnedBudget, Is.Null);
    }

    [Test]
    public void Once_the_budget_is_learned_a_quiet_moment_collects_when_three_quarters_of_it_are_spent()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);
        var now = 0L;
        LearnA40MBBudget(gc, idle, ref now);

        // 29 MB of 40: not yet due.
        gc.Allocate(29 * MB);
        Assert.That(idle.CollectIfDue(now += 5000), Is.False);
        Assert.That(gc.Induced, Is.Zero);

        // 31 MB: due.
        gc.Allocate(2 * MB);
        Assert.That(idle.CollectIfDue(now += 5000), Is.True);
        Assert.That(gc.Induced, Is.EqualTo(1));

        // The count starts again from that collection.
        gc.Allocate(10 * MB);
        Assert.That(idle.CollectIfDue(now += 5000), Is.False);
        Assert.That(gc.Induced, Is.EqualTo(1));
    }

    [Test]
    public void Collections_are_never_induced_more_often_than_the_minimum_interval()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);
        var now = 0L;
        LearnA40MBBudget(gc, idle, ref now);

        gc.Allocate(35 * MB);
        Assert.That(idle.CollectIfDue(now += 10), Is.True);
        gc.Allocate(35 * MB);
        Assert.That(idle.CollectIfDue(now += 10), Is.False);
        Assert.That(idle.CollectIfDue(now + (long)IdleGarbageCollector.MinimumInterval.TotalMilliseconds), Is.True);
        Assert.That(gc.Induced, Is.EqualTo(2));
    }

    [Test]
    public void A_collection_after_a_small_allocation_does_not_teach_a_tiny_budget()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);
        var now = 0L;
        LearnA40MBBudget(gc, idle, ref now);

        // Another component forced a collection after 1 MB: the budget stays what the runtime showed before.
        gc.Allocate(1 * MB);
        idle.CollectIfDue(now += 5000);
        gc.RuntimeCollects();
        Assert.That(idle.CollectIfDue(now += 5000), Is.False);
        Assert.That(idle.LearnedBudget, Is.EqualTo(40 * MB));

        gc.Allocate(2 * MB);
        Assert.That(idle.CollectIfDue(now += 5000), Is.False);
        Assert.That(gc.Induced, Is.Zero);
    }

    [Test]
    public void A_full_collection_or_two_collections_between_looks_do_not_teach_the_budget()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);
        var now = 0L;
        LearnA40MBBudget(gc, idle, ref now);

        // The large-object heap's budget started a full collection after 8 MB.
        gc.Allocate(8 * MB);
        idle.CollectIfDue(now += 5000);
        gc.RuntimeCollects(generation: 2);
        idle.CollectIfDue(now += 5000);
        Assert.That(idle.LearnedBudget, Is.EqualTo(40 * MB));

        // Two collections after 10 MB: which allocation each followed is unknown.
        gc.Allocate(10 * MB);
        idle.CollectIfDue(now += 5000);
        gc.RuntimeCollects();
        gc.RuntimeCollects();
        idle.CollectIfDue(now += 5000);
        Assert.That(idle.LearnedBudget, Is.EqualTo(40 * MB));
        Assert.That(gc.Induced, Is.Zero);
    }

    [Test]
    public void The_learned_budget_follows_the_runtime_when_it_changes()
    {
        var gc = new FakeGarbageCollector();
        var idle = new IdleGarbageCollector(gc);
        var now = 0L;
        LearnA40MBBudget(gc, idle, ref now);

        // The runtime collects after 20 MB, before this collector thought it due (30 MB).
        gc.Allocate(20 * MB);
        idle.CollectIfDue(now += 5000);
        gc.RuntimeCollects();
        gc.Allocate(1 * MB);
        idle.CollectIfDue(now += 5000);
        Assert.That(idle.LearnedBudget, Is.EqualTo(20 * MB));

        gc.Allocate(15 * MB);
        Assert.That(idle.CollectIfDue(now += 5000), Is.True);
    }

    /// <summary>The runtime collects once at the start and once 40 MB later; the collector looks before each.</summary>
    private static void LearnA40MBBudget(FakeGarbageCollector gc, IdleGarbageCollector idle, ref long now)
    {
        idle.CollectIfDue(now);
        for (var i = 0; i < 4; i++)
        {
            gc.Allocate(10 * MB);
            idle.CollectIfDue(now += 1000);
        }

        gc.RuntimeCollects();
        idle.CollectIfDue(now += 1000);
        Assert.That(idle.LearnedBudget, Is.EqualTo(40 * MB));
        Assert.That(gc.Induced, Is.Zero);
    }
}
