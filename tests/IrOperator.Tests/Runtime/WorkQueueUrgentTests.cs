using IrOperator.Kube;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

/// <summary>The urgent lane of the work queue (ending access, docs/runtime.md "Urgent work"), on a fake clock.</summary>
public sealed class WorkQueueUrgentTests : IDisposable
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private static readonly ObjectKey C = new("ns", "c");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly WorkQueue _queue;

    public WorkQueueUrgentTests()
    {
        _queue = new WorkQueue("test", _time, new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.5));
    }

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task An_urgent_key_is_handed_out_before_ordinary_keys_queued_earlier()
    {
        _queue.Add(A);
        _queue.Add(B);
        _queue.Add(C, urgent: true);

        (await Take()).Should().Be(new WorkItem(C, Urgent: true));
        (await Take()).Should().Be(new WorkItem(A, Urgent: false));
        (await Take()).Should().Be(new WorkItem(B, Urgent: false));
        _queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task An_urgent_add_of_a_waiting_key_moves_it_ahead_and_it_is_handed_out_once()
    {
        _queue.Add(A);
        _queue.Add(B);
        _queue.Add(B, urgent: true);

        _queue.Depth.Should().Be(2);
        _queue.UrgentDepth.Should().Be(1);
        (await Take()).Should().Be(new WorkItem(B, Urgent: true));
        (await Take()).Should().Be(new WorkItem(A, Urgent: false));
        _queue.Depth.Should().Be(0);

        // B's ordinary entry is stale: nothing is left to hand out.
        var next = _queue.TakeAsync(urgentOnly: false, CancellationToken.None);
        next.IsCompleted.Should().BeFalse();
        _queue.Add(C);
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(new WorkItem(C, Urgent: false));
    }

    [Fact]
    public async Task An_urgent_only_worker_leaves_ordinary_keys_and_takes_the_next_urgent_one()
    {
        _queue.Add(A);
        var urgentWorker = _queue.TakeAsync(urgentOnly: true, CancellationToken.None);

        urgentWorker.IsCompleted.Should().BeFalse("only an ordinary key waits");
        _queue.Add(B, urgent: true);

        (await urgentWorker.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(new WorkItem(B, Urgent: true));
        (await Take()).Should().Be(new WorkItem(A, Urgent: false));
    }

    [Fact]
    public async Task A_key_made_urgent_while_processing_is_queued_again_in_the_urgent_lane()
    {
        _queue.Add(A);
        _queue.Add(B);
        var first = await Take();
        first.Key.Should().Be(A);

        _queue.Add(A, urgent: true);
        _queue.Depth.Should().Be(1, "A is still with its worker");
        _queue.Done(A);

        (await Take()).Should().Be(new WorkItem(A, Urgent: true));
        (await Take()).Should().Be(new WorkItem(B, Urgent: false));
    }

    [Fact]
    public async Task A_scheduled_urgent_add_fires_on_the_clock_as_urgent()
    {
        _queue.Add(A);
        _queue.AddAfter(B, TimeSpan.FromMinutes(3), urgent: true);

        _queue.ScheduledUrgent(B).Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1));
        _queue.UrgentDepth.Should().Be(0);
        _time.Advance(TimeSpan.FromTicks(1));

        (await Take()).Should().Be(new WorkItem(B, Urgent: true));
        (await Take()).Should().Be(new WorkItem(A, Urgent: false));
    }

    [Fact]
    public void An_earlier_ordinary_schedule_wins_and_an_urgent_one_at_the_same_time_replaces_an_ordinary_one()
    {
        _queue.AddAfter(A, TimeSpan.FromMinutes(1));
        _queue.AddAfter(A, TimeSpan.FromMinutes(2), urgent: true);
        _queue.ScheduledAt(A).Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(1));
        _queue.ScheduledUrgent(A).Should().BeFalse();

        _queue.AddAfter(A, TimeSpan.FromMinutes(1), urgent: true);
        _queue.ScheduledUrgent(A).Should().BeTrue();
        _queue.AddAfter(A, TimeSpan.FromMinutes(1));
        _queue.ScheduledUrgent(A).Should().BeTrue("an ordinary add at the same time does not demote it");
    }

    [Fact]
    public async Task A_failed_urgent_key_is_retried_in_the_urgent_lane()
    {
        _queue.Add(A);
        _queue.AddRateLimited(B, urgent: true).Should().Be(TimeSpan.FromSeconds(0.75));

        _time.Advance(TimeSpan.FromSeconds(0.75));

        (await Take()).Should().Be(new WorkItem(B, Urgent: true));
    }

    [Fact]
    public async Task Shut_down_releases_an_urgent_only_worker()
    {
        var waiting = _queue.TakeAsync(urgentOnly: true, CancellationToken.None);

        _queue.ShutDown();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeNull();
    }

    private async Task<WorkItem> Take() => (await _queue.TakeAsync(urgentOnly: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)))!.Value;
}
