using IrOperator.Sandbox.Scenario;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.SandboxScenario;

/// <summary>The scenario's shared clock: real time plus an offset that only grows; timers fire when the skipped-to time reaches them.</summary>
public sealed class SandboxClockTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public void Skipping_ahead_moves_now_and_timestamps_together()
    {
        var clock = new SandboxClock();
        var before = clock.GetUtcNow();
        var stamp = clock.GetTimestamp();

        clock.SkipAhead(TimeSpan.FromMinutes(5));
        clock.SkipAhead(TimeSpan.FromMinutes(-1));

        clock.Offset.Should().Be(TimeSpan.FromMinutes(5));
        (clock.GetUtcNow() - before).Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2));
        clock.GetElapsedTime(stamp).Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_timer_due_in_an_hour_fires_once_the_clock_skips_past_it()
    {
        var clock = new SandboxClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        clock.SkipAhead(TimeSpan.FromMinutes(59));
        Volatile.Read(ref fired).Should().Be(0, "a minute is still left");
        clock.SkipAhead(TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => Volatile.Read(ref fired) == 1, Deadline);
    }

    [Fact]
    public async Task A_delay_on_the_clock_ends_when_the_clock_skips_to_its_end()
    {
        var clock = new SandboxClock();
        var delay = Task.Delay(TimeSpan.FromMinutes(10), clock);

        clock.SkipAhead(TimeSpan.FromMinutes(10));

        await delay.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_timer_changed_or_disposed_before_the_skip_does_not_fire_at_its_old_time()
    {
        var clock = new SandboxClock();
        var fired = new List<string>();
        var moved = clock.CreateTimer(_ => { lock (fired) { fired.Add("moved"); } }, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => { lock (fired) { fired.Add("disposed"); } }, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var marker = clock.CreateTimer(_ => { lock (fired) { fired.Add("marker"); } }, null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        moved.Change(TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        clock.SkipAhead(TimeSpan.FromMinutes(2));

        // The marker, due later than both old times, fires: by then the others would have too.
        await Eventually.HoldsAsync(() => { lock (fired) { return fired.Contains("marker"); } }, Deadline);
        lock (fired)
        {
            fired.Should().Equal("marker");
        }
        moved.Dispose();
    }

    [Fact]
    public async Task A_periodic_timer_keeps_its_period_after_a_skip()
    {
        var clock = new SandboxClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(50));

        clock.SkipAhead(TimeSpan.FromHours(1));

        await Eventually.HoldsAsync(() => Volatile.Read(ref fired) >= 3, Deadline);
    }

    [Fact]
    public async Task A_timer_never_fires_before_its_due_time()
    {
        var clock = new SandboxClock();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // A due time with a fraction of a millisecond, as "the start of the next second" has. (Task.Delay itself
            // truncates its delay to whole milliseconds whatever the clock; the scenario waits with WaitUntilAsync.)
            var fired = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            var due = clock.GetUtcNow() + TimeSpan.FromMilliseconds(3.7);
            using var timer = clock.CreateTimer(_ => fired.TrySetResult(clock.GetUtcNow()), null, due - clock.GetUtcNow(), Timeout.InfiniteTimeSpan);

            (await fired.Task.WaitAsync(Deadline)).Should().BeOnOrAfter(due);
        }
    }
}
