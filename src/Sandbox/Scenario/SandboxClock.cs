namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// The real clock plus an offset that only grows: <see cref="SkipAhead"/> moves the time forward at once, and
/// every timer made here (requeues at <c>expiresAt</c>, Task.Delay, watch timeouts) is re-aimed so it fires when
/// the new time reaches its due time, as if that time had passed. The scenario shares one such clock between
/// the Kubernetes emulator, the AWS emulator (aws:CurrentTime, session times) and the operator, so a one-minute
/// grant expires without a minute of waiting and every party sees the same time: nothing is decided on a
/// different clock. SigV4 freshness stays on the real clock (AwsEmulatorOptions.SigningClock).
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<SkippableTimer> _timers = [];
    private long _offsetTicks;

    /// <summary>How far ahead of the real clock this one is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    // Elapsed-time measurements skip too, so "how long since" agrees with "what time is it".
    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Offset.Ticks * ((double)System.TimestampFrequency / TimeSpan.TicksPerSecond));

    public override long TimestampFrequency => System.TimestampFrequency;

    /// <summary>Moves the time forward by <paramref name="by"/> (nothing when not positive) and fires what became due.</summary>
    public void SkipAhead(TimeSpan by)
    {
        if (by <= TimeSpan.Zero)
        {
            return;
        }
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        SkippableTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Reaim();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SkippableTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    private void Forget(SkippableTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>A one-shot System.Threading.Timer aimed at a due time on the sandbox clock, re-aimed on a skip.</summary>
    private sealed class SkippableTimer : ITimer
    {
        private readonly SandboxClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Timer _inner;
        private readonly Lock _gate = new();
        private DateTimeOffset? _due;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public SkippableTimer(SandboxClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _inner = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }
                _period = period;
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                Aim();
                return true;
            }
        }

        public void Reaim()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    Aim();
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _due = null;
            }
            _inner.Dispose();
            _clock.Forget(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Aim()
        {
            if (_due is not { } due)
            {
                _inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }
            // Whole milliseconds, rounded up: System.Threading.Timer drops the fraction, which would fire early.
            var left = due - _clock.GetUtcNow();
            _inner.Change(left > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)) : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            lock (_gate)
            {
                if (_disposed || _due is not { } due)
                {
                    return;
                }
                if (due > _clock.GetUtcNow())
                {
                    // Never early: a caller may rely on the due time having passed (the scenario asks AWS at a second's start).
                    Aim();
                    return;
                }
                _due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? _clock.GetUtcNow() + _period : null;
                Aim();
            }
            _callback(_state);
        }
    }
}
