namespace IrOperator.Kube;

/// <summary>
/// The keys a controller has to look at. Like client-go's workqueue: a key waiting is queued once however
/// often it is added (dirty set); a key being processed is never handed to a second worker, and if it is
/// added meanwhile it is queued again when the first worker is done. Delayed adds (RequeueAfter, failure
/// backoff) keep the earliest due time per key and survive immediate adds of the same key.
/// A key added as urgent (ending access, docs/runtime.md "Urgent work") is handed out before every other key,
/// and only urgent keys go to the workers that asked for urgent work alone, so a burst of ordinary work never
/// holds it back.
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<ObjectKey> _queue = new();
    private readonly Queue<ObjectKey> _urgentQueue = new();
    private readonly HashSet<ObjectKey> _dirty = [];
    private readonly HashSet<ObjectKey> _urgent = [];
    private readonly Dictionary<ObjectKey, DateTimeOffset> _processing = [];
    private readonly Dictionary<ObjectKey, ScheduledAdd> _scheduled = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
                return _dirty.Count(key => !_processing.ContainsKey(key));
            }
        }
    }

    /// <summary>Urgent keys waiting for a worker.</summary>
    public int UrgentDepth
    {
        get
        {
            lock (_gate)
            {
                return _urgent.Count(key => !_processing.ContainsKey(key));
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

    public void Add(ObjectKey key) => Add(key, urgent: false);

    /// <summary>Queues the key; an urgent add also moves a key already waiting ahead of every ordinary one.</summary>
    public void Add(ObjectKey key, bool urgent)
    {
        TaskCompletionSource added;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }
            RuntimeMetrics.RecordAdd(Name);
            var fresh = _dirty.Add(key);
            var promoted = urgent && _urgent.Add(key);
            if ((!fresh && !promoted) || _processing.ContainsKey(key))
            {
                // Waiting already in the right lane, or with a worker: Done queues it again in its lane.
                return;
            }
            // A promoted key keeps its ordinary entry too; whichever entry comes first hands it out, the other is skipped.
            (urgent ? _urgentQueue : _queue).Enqueue(key);
            added = Signal();
        }
        added.TrySetResult();
    }

    /// <summary>Adds the key once the delay has passed; an earlier pending add of the same key wins.</summary>
    public void AddAfter(ObjectKey key, TimeSpan delay) => AddAfter(key, delay, urgent: false);

    /// <summary>
    /// Adds the key once the delay has passed, urgent or not; an earlier pending add of the same key wins (its
    /// reconcile is expected to schedule the later one again), and an urgent add due at the same time replaces an
    /// ordinary one.
    /// </summary>
    public void AddAfter(ObjectKey key, TimeSpan delay, bool urgent)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key, urgent);
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
                if (existing.Due < due || (existing.Due == due && (existing.Urgent || !urgent)))
                {
                    return;
                }
                existing.Timer.Dispose();
            }
            var scheduled = new ScheduledAdd(due, urgent);
            scheduled.Timer = _time.CreateTimer(_ => Fire(key, scheduled), null, delay, Timeout.InfiniteTimeSpan);
            _scheduled[key] = scheduled;
        }
    }

    /// <summary>Whether the key's delayed add is urgent, if it has one.</summary>
    public bool? ScheduledUrgent(ObjectKey key)
    {
        lock (_gate)
        {
            return _scheduled.TryGetValue(key, out var scheduled) ? scheduled.Urgent : null;
        }
    }

    /// <summary>Adds the key after its next failure backoff.</summary>
    public TimeSpan AddRateLimited(ObjectKey key) => AddRateLimited(key, urgent: false);

    /// <summary>Adds the key after its next failure backoff, in the urgent lane when the failed work was urgent.</summary>
    public TimeSpan AddRateLimited(ObjectKey key, bool urgent)
    {
        RuntimeMetrics.RecordRetry(Name);
        var delay = _backoff.NextDelay(key);
        AddAfter(key, delay, urgent);
        return delay;
    }

    /// <summary>Clears the key's failure history after a success.</summary>
    public void Forget(ObjectKey key) => _backoff.Reset(key);

    /// <summary>Waits for the next key, urgent ones first; null once the queue is shut down.</summary>
    public async Task<ObjectKey?> GetAsync(CancellationToken cancellationToken) =>
        (await TakeAsync(urgentOnly: false, cancellationToken).ConfigureAwait(false))?.Key;

    /// <summary>
    /// Waits for the next key, urgent ones first, or for urgent ones alone; null once the queue is shut down.
    /// The item says whether the key was handed out as urgent.
    /// </summary>
    public async Task<WorkItem?> TakeAsync(bool urgentOnly, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task added;
            lock (_gate)
            {
                if (_shuttingDown)
                {
                    return null;
                }
                if (Next(_urgentQueue) is { } urgent)
                {
                    return Hand(urgent);
                }
                if (!urgentOnly && Next(_queue) is { } ordinary)
                {
                    return Hand(ordinary);
                }
                added = _added.Task;
            }
            try
            {
                await added.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>Marks the key processed; if it was added while running, it is queued again now, in its lane.</summary>
    public void Done(ObjectKey key)
    {
        TaskCompletionSource? added = null;
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shuttingDown)
            {
                (_urgent.Contains(key) ? _urgentQueue : _queue).Enqueue(key);
                added = Signal();
            }
        }
        added?.TrySetResult();
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
        _added.TrySetResult();
    }

    public void Dispose()
    {
        ShutDown();
        RuntimeMetrics.Unregister(this);
        _shutdown.Dispose();
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
        Add(key, scheduled.Urgent);
    }

    /// <summary>The first entry of the lane that is still to hand out (waiting, not with a worker); stale entries are dropped.</summary>
    private ObjectKey? Next(Queue<ObjectKey> lane)
    {
        while (lane.TryDequeue(out var key))
        {
            if (_dirty.Contains(key) && !_processing.ContainsKey(key))
            {
                return key;
            }
        }
        return null;
    }

    private WorkItem Hand(ObjectKey key)
    {
        _dirty.Remove(key);
        var urgent = _urgent.Remove(key);
        _processing[key] = _time.GetUtcNow();
        return new WorkItem(key, urgent);
    }

    /// <summary>Wakes every waiting worker (called under the gate; the caller completes the task outside it).</summary>
    private TaskCompletionSource Signal()
    {
        var added = _added;
        _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return added;
    }

    private sealed class ScheduledAdd(DateTimeOffset due, bool urgent)
    {
        public DateTimeOffset Due { get; } = due;

        public bool Urgent { get; } = urgent;

        public ITimer Timer { get; set; } = null!;
    }
}
