using IrOperator.Kube;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

public sealed class WorkQueueTests : IDisposable
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly WorkQueue _queue;

    public WorkQueueTests()
    {
        _queue = new WorkQueue("test", _time, new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.5));
    }

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Adding_a_waiting_key_again_queues_it_once()
    {
        _queue.Add(A);
        _queue.Add(A);
        _queue.Add(B);

        _queue.Depth.Should().Be(2);
        (await Next()).Should().Be(A);
        (await Next()).Should().Be(B);
        _queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_again_until_done()
    {
        _queue.Add(A);
        var first = await Next();
        _queue.Add(A);

        _queue.Depth.Should().Be(0, "the key is still with its first worker");
        _queue.Done(first!.Value);

        _queue.Depth.Should().Be(1, "the add during processing is replayed after Done");
        (await Next()).Should().Be(A);
    }

    [Fact]
    public async Task Requeue_after_fires_only_when_the_clock_reaches_it()
    {
        _queue.AddAfter(A, TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        _queue.Depth.Should().Be(0);
        _time.Advance(TimeSpan.FromTicks(1));
        _queue.Depth.Should().Be(1);
        (await Next()).Should().Be(A);
    }

    [Fact]
    public async Task Scheduled_requeue_survives_an_immediate_add_of_the_same_key()
    {
        _queue.AddAfter(A, TimeSpan.FromMinutes(5));
        _queue.Add(A);
        _queue.Done((await Next())!.Value);

        _queue.ScheduledAt(A).Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5));
        (await Next()).Should().Be(A);
    }

    [Fact]
    public void The_earlier_of_two_scheduled_requeues_wins()
    {
        _queue.AddAfter(A, TimeSpan.FromMinutes(10));
        _queue.AddAfter(A, TimeSpan.FromMinutes(2));
        _queue.AddAfter(A, TimeSpan.FromMinutes(7));

        _queue.ScheduledAt(A).Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(2));
        _queue.Depth.Should().Be(1);
        _queue.ScheduledCount.Should().Be(0);
    }

    [Fact]
    public void Failures_back_off_exponentially_and_forget_resets()
    {
        // Fixed jitter 0.5: delay = nominal * 0.75.
        _queue.AddRateLimited(A).Should().Be(TimeSpan.FromSeconds(0.75));
        _queue.AddRateLimited(A).Should().Be(TimeSpan.FromSeconds(1.5));
        _queue.AddRateLimited(A).Should().Be(TimeSpan.FromSeconds(3));
        _queue.Forget(A);
        _queue.AddRateLimited(A).Should().Be(TimeSpan.FromSeconds(0.75));
    }

    [Fact]
    public async Task Shut_down_releases_waiting_workers_and_drops_schedules()
    {
        _queue.AddAfter(A, TimeSpan.FromMinutes(1));
        var waiting = _queue.GetAsync(CancellationToken.None);

        _queue.ShutDown();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeNull();
        _queue.ScheduledCount.Should().Be(0);
        _queue.Add(B);
        _queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task Longest_running_reports_the_oldest_key_in_progress()
    {
        _queue.Add(A);
        _queue.Add(B);
        await Next();
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await Next();
        _time.Advance(TimeSpan.FromSeconds(10));

        _queue.LongestRunning.Should().Be(TimeSpan.FromSeconds(40));
        _queue.Done(A);
        _queue.Done(second!.Value);
        _queue.LongestRunning.Should().Be(TimeSpan.Zero);
    }

    private Task<ObjectKey?> Next() => _queue.GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
}
