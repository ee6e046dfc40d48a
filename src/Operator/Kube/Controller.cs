using System.Diagnostics;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Wires one kind's informer to a work queue and a bounded set of workers running one reconciler. Every
/// change the informer reports (any resourceVersion move, so an annotation counts) queues the key; the
/// worker hands the reconciler a private copy of the object from the cache, and turns its result into the
/// next step: Done forgets the key, RequeueAfter schedules it, Retry backs off, Terminal waits for the
/// next change. Deleted objects reach <see cref="IReconciler{T}.DeletedAsync"/> with their last known
/// state; every cached key is queued again each resync period. See docs/runtime.md.
/// </summary>
public sealed class Controller<T> : IController, IDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> _informer;
    private readonly IReconciler<T> _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Lock _tombstonesGate = new();
    private readonly Dictionary<ObjectKey, List<T>> _tombstones = [];

    public Controller(string name, Informer<T> informer, IReconciler<T> reconciler, TimeProvider time, ControllerOptions? options = null, ILogger? log = null)
    {
        Name = name;
        _informer = informer;
        _reconciler = reconciler;
        _options = options ?? new ControllerOptions();
        if (_options.Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Workers, "ControllerOptions.Workers must be at least 1.");
        }
        if (_options.UrgentWorkers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.UrgentWorkers, "ControllerOptions.UrgentWorkers must not be negative.");
        }
        if (_options.ResyncPeriod is { } resync && resync < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resync, "ControllerOptions.ResyncPeriod must not be negative (null or zero turns resync off).");
        }
        _log = (log ?? Log.Logger).ForContext("Controller", name);
        _time = time;
        Queue = new WorkQueue(name, time, new ExponentialBackoff(_options.BackoffBase, _options.BackoffCap));
        informer.OnDelete(AddTombstone);
        informer.OnChange(Queue.Add);
    }

    public string Name { get; }

    public WorkQueue Queue { get; }

    public ObjectCache<T> Cache => _informer.Cache;

    public IReadOnlyList<IInformer> Informers => [_informer];

    /// <summary>Periodic resyncs done (every cached key queued again).</summary>
    public int Resyncs { get; private set; }

    /// <summary>Deleted objects whose tombstone has not been handled yet.</summary>
    public int PendingTombstones
    {
        get
        {
            lock (_tombstonesGate)
            {
                return _tombstones.Values.Sum(t => t.Count);
            }
        }
    }

    /// <summary>Queues a key from outside (e.g. a grant when the role it uses changes).</summary>
    public void Enqueue(ObjectKey key) => Queue.Add(key);

    /// <summary>Queues a key from outside, as urgent work (ending access) or not: urgent keys go first.</summary>
    public void Enqueue(ObjectKey key, bool urgent) => Queue.Add(key, urgent);

    /// <summary>Queues a key once the delay has passed, urgent or not (e.g. a role when a grant's access ends).</summary>
    public void EnqueueAfter(ObjectKey key, TimeSpan delay, bool urgent) => Queue.AddAfter(key, delay, urgent);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informer = _informer.RunAsync(stop.Token);
        try
        {
            await _informer.Synced.WaitAsync(stop.Token).ConfigureAwait(false);
            _log.Information("Controller {Controller} started {Workers} workers over {Count} cached objects", Name, _options.Workers, Cache.Count);
            // Resync first, so its timer is on the clock before any reconcile can be observed.
            var resync = ResyncAsync(stop.Token);
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(urgentOnly: false, stop.Token))
                .Concat(Enumerable.Range(0, _options.UrgentWorkers).Select(_ => WorkAsync(urgentOnly: true, stop.Token)))
                .ToList();
            await Task.WhenAll([.. workers, resync]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Queue.ShutDown();
            await stop.CancelAsync().ConfigureAwait(false);
            await informer.ConfigureAwait(false);
            _log.Information("Controller {Controller} stopped", Name);
        }
    }

    public void Dispose() => Queue.Dispose();

    private async Task WorkAsync(bool urgentOnly, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(Queue.ShutDown);
        while (await Queue.TakeAsync(urgentOnly, cancellationToken).ConfigureAwait(false) is { } item)
        {
            try
            {
                // The Kubernetes requests of urgent work take the urgent budget (KubeRequestPolicy), not the shared one.
                using var lane = item.Urgent ? KubeRequestPriority.BeginUrgent() : null;
                await ProcessAsync(item.Key, cancellationToken, item.Urgent).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(item.Key);
            }
        }
    }

    /// <summary>
    /// One reconcile of one key, and what the result asks for next: the tombstones of deleted objects of
    /// that name first (oldest first), then the object now in the cache, if any.
    /// </summary>
    internal async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken, bool urgent = false)
    {
        while (OldestTombstone(key) is { } tombstone)
        {
            var deleted = await RunAsync(key, () => _reconciler.DeletedAsync(ReconcileCopies.Of(tombstone), cancellationToken), cancellationToken).ConfigureAwait(false);
            if (deleted is null)
            {
                return;
            }
            if (deleted is ReconcileResult.RetryResult or ReconcileResult.RequeueAfterResult)
            {
                // The tombstone stays for the next attempt; the object's own reconcile waits behind it.
                Apply(key, deleted, urgent);
                return;
            }
            RemoveTombstone(key, tombstone);
            if (deleted is ReconcileResult.TerminalResult)
            {
                Apply(key, deleted, urgent);
            }
        }

        var resource = Cache.Get(key);
        if (resource is null)
        {
            // Deleted and gone (any finalizer already ran, its tombstone handled): nothing left to drive.
            Queue.Forget(key);
            return;
        }
        if (await RunAsync(key, () => _reconciler.ReconcileAsync(ReconcileCopies.Of(resource), cancellationToken), cancellationToken).ConfigureAwait(false) is { } result)
        {
            Apply(key, result, urgent);
        }
    }

    /// <summary>Runs one reconciler call and records it; null when it was cancelled by shutdown or a lost lease.</summary>
    private async Task<ReconcileResult?> RunAsync(ObjectKey key, Func<Task<ReconcileResult>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ReconcileResult result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: not a failure, the next leader picks the key up.
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = ReconcileResult.Retry(e);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        RuntimeMetrics.RecordReconcile(Name, result.Label, elapsed);
        _log.Verbose("Reconciled {Key}: {Result}", key.ToString(), result.Label);
        return result;
    }

    /// <summary>
    /// controller-runtime's SyncPeriod: every period (scaled by a random 0.9-1.1, so replicas and kinds do not
    /// move in step) each cached key is queued again, spread over the first tenth of the period, so drift
    /// outside Kubernetes (AWS) is seen without an event.
    /// </summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (_options.ResyncPeriod is not { } period || period <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            while (true)
            {
                await Task.Delay(period * (0.9 + (Random.Shared.NextDouble() * 0.2)), _time, cancellationToken).ConfigureAwait(false);
                var keys = Cache.Keys();
                foreach (var key in keys)
                {
                    Queue.AddAfter(key, period / 10 * Random.Shared.NextDouble());
                }
                Resyncs++;
                _log.Debug("Controller {Controller} resynced {Count} cached objects", Name, keys.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void AddTombstone(T lastKnown)
    {
        var key = ObjectKey.Of(lastKnown.Metadata);
        lock (_tombstonesGate)
        {
            if (!_tombstones.TryGetValue(key, out var pending))
            {
                pending = [];
                _tombstones[key] = pending;
            }
            // One tombstone per deleted object: a second report of the same UID (event, then relist) keeps the latest state.
            var same = pending.FindIndex(t => t.Metadata.Uid == lastKnown.Metadata.Uid);
            if (same >= 0)
            {
                pending[same] = lastKnown;
            }
            else
            {
                pending.Add(lastKnown);
            }
        }
    }

    private T? OldestTombstone(ObjectKey key)
    {
        lock (_tombstonesGate)
        {
            return _tombstones.TryGetValue(key, out var pending) && pending.Count > 0 ? pending[0] : null;
        }
    }

    private void RemoveTombstone(ObjectKey key, T tombstone)
    {
        lock (_tombstonesGate)
        {
            if (_tombstones.TryGetValue(key, out var pending))
            {
                pending.RemoveAll(t => t.Metadata.Uid == tombstone.Metadata.Uid);
                if (pending.Count == 0)
                {
                    _tombstones.Remove(key);
                }
            }
        }
    }

    /// <param name="urgent">The key was handed out as urgent: a failure is retried in the urgent lane.</param>
    private void Apply(ObjectKey key, ReconcileResult result, bool urgent)
    {
        switch (result)
        {
            case ReconcileResult.RequeueAfterResult requeue:
                Queue.Forget(key);
                Queue.AddAfter(key, requeue.Delay);
                break;
            case ReconcileResult.RetryResult retry:
                var delay = Queue.AddRateLimited(key, urgent);
                _log.Warning(retry.Error, "Reconcile of {Key} failed; retrying in {Delay}", key.ToString(), delay);
                break;
            case ReconcileResult.TerminalResult terminal:
                Queue.Forget(key);
                _log.Warning("Reconcile of {Key} stopped: {Reason}; waiting for the object to change", key.ToString(), terminal.Reason);
                break;
            default:
                Queue.Forget(key);
                break;
        }
    }
}
