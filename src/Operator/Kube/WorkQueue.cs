namespace IrOperator.Kube;

/// <summary>
/// The keys a controller has to look at. Like client-go's workqueue: a key waiting is queued once however
/// often it is added (dirty set); a key being processed is never handed to a second worker, and if it is
/// added meanwhile it is queued again when the first worker is done. Delayed adds (RequeueAfter, failure
/// backoff) keep the earliest due time per key and survive immediate adds of the same key.
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<ObjectKey> _queue = new();
    private readonly HashSet<ObjectKey> _dirty = [];
    private readonly Dictionary<ObjectKey, DateTimeOffset> _processing = [];
    private readonly Dictionary<ObjectKey, ScheduledAdd> _scheduled = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;
    private bool _shuttingDown;

    public WorkQueue(string name, TimeProvider time, ExponentialBackoff backoff)
    {
        Name = name;
        _time = time;
        _backoff = backoff;
        RuntimeMetrics.Register(this);
    }

    /// <summary>The controller this queue belongs to (the `controller` tag of the metrics).</summary>
    public string Name { get; }

    /// <summary>Keys waiting for a worker.</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for their delayed add.</summary>
    public int ScheduledCount
    {
        get
        {
            lock (_gate)
            {
                return _scheduled.Count;
            }
        }
    }

    /// <summary>How long the oldest key still being processed has been running (zero when idle).</summary>
    public TimeSpan LongestRunning
    {
        get
        {
            lock (_gate)
            {
                if (_processing.Count == 0)
                {
                    return TimeSpan.Zero;
                }
                var oldest = _processing.Values.Min();
                return _time.GetUtcNow() - oldest;
            }
        }
    }

    /// <summary>When the key's delayed add is due, if it has one.</summary>
    public DateTimeOffset? ScheduledAt(ObjectKey key)
    {
        lock (_gate)
        {
            return _scheduled.TryGetValue(key, out var scheduled) ? scheduled.Due : null;
        }
    }

    public void Add(ObjectKey key)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }
            RuntimeMetrics.RecordAdd(Name);
            if (!_dirty.Add(key) || _processing.ContainsKey(key))
            {
                return;
            }
            _queue.Enqueue(key);
        }
        _available.Release();
    }

    /// <summary>Adds the key once the delay has passed; an earlier pending add of the same key wins.</summary>
    public void AddAfter(ObjectKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }
            var due = _time.GetUtcNow() + delay;
            if (_scheduled.TryGetValue(key, out var existing))
            {
                if (existing.Due <= due)
                {
                    return;
                }
                existing.Timer.Dispose();
            }
            var scheduled = new ScheduledAdd(due);
            scheduled.Timer = _time.CreateTimer(_ => Fire(key, scheduled), null, delay, Timeout.InfiniteTimeSpan);
            _scheduled[key] = scheduled;
        }
    }

    /// <summary>Adds the key after its next failure backoff.</summary>
    public TimeSpan AddRateLimited(ObjectKey key)
    {
        RuntimeMetrics.RecordRetry(Name);
        var delay = _backoff.NextDelay(key);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the key's failure history after a success.</summary>
    public void Forget(ObjectKey key) => _backoff.Reset(key);

    /// <summary>Waits for the next key; null once the queue is shut down.</summary>
    public async Task<ObjectKey?> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return null;
        }
        lock (_gate)
        {
            var key = _queue.Dequeue();
            _dirty.Remove(key);
            _processing[key] = _time.GetUtcNow();
            return key;
        }
    }

    /// <summary>Marks the key processed; if it was added while running, it is queued again now.</summary>
    public void Done(ObjectKey key)
    {
        var requeued = false;
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shuttingDown)
            {
                _queue.Enqueue(key);
                requeued = true;
            }
        }
        if (requeued)
        {
            _available.Release();
        }
    }

    /// <summary>Stops handing out keys and drops pending delayed adds; workers' GetAsync returns null.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }
            _shuttingDown = true;
            foreach (var scheduled in _scheduled.Values)
            {
                scheduled.Timer.Dispose();
            }
            _scheduled.Clear();
        }
        _shutdown.Cancel();
    }

    public void Dispose()
    {
        ShutDown();
        RuntimeMetrics.Unregister(this);
        _shutdown.Dispose();
        _available.Dispose();
    }

    private void Fire(ObjectKey key, ScheduledAdd scheduled)
    {
        lock (_gate)
        {
            // A newer, earlier schedule replaced this one: it owns the key now.
            if (!_scheduled.TryGetValue(key, out var current) || !ReferenceEquals(current, scheduled))
            {
                return;
            }
            _scheduled.Remove(key);
            scheduled.Timer.Dispose();
        }
        Add(key);
    }

    private sealed class ScheduledAdd(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;
    }
}
