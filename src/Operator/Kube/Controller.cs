using System.Diagnostics;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Wires one kind's informer to a work queue and a bounded set of workers running one reconciler. Every
/// change the informer reports (any resourceVersion move, so an annotation counts) queues the key; the
/// worker hands the reconciler the object from the cache, and turns its result into the next step:
/// Done forgets the key, RequeueAfter schedules it, Retry backs off, Terminal waits for the next change.
/// </summary>
public sealed class Controller<T> : IController, IDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> _informer;
    private readonly IReconciler<T> _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _log;

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
        _log = (log ?? Log.Logger).ForContext("Controller", name);
        Queue = new WorkQueue(name, time, new ExponentialBackoff(_options.BackoffBase, _options.BackoffCap));
        informer.OnChange(Queue.Add);
    }

    public string Name { get; }

    public WorkQueue Queue { get; }

    public ObjectCache<T> Cache => _informer.Cache;

    public IReadOnlyList<IInformer> Informers => [_informer];

    /// <summary>Queues a key from outside (e.g. a grant when the role it uses changes).</summary>
    public void Enqueue(ObjectKey key) => Queue.Add(key);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informer = _informer.RunAsync(stop.Token);
        try
        {
            await _informer.Synced.WaitAsync(stop.Token).ConfigureAwait(false);
            _log.Information("Controller {Controller} started {Workers} workers over {Count} cached objects", Name, _options.Workers, Cache.Count);
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(stop.Token)).ToList();
            await Task.WhenAll(workers).ConfigureAwait(false);
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

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(Queue.ShutDown);
        while (await Queue.GetAsync(cancellationToken).ConfigureAwait(false) is { } key)
        {
            try
            {
                await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    /// <summary>One reconcile of one key, and what the result asks for next.</summary>
    internal async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var resource = Cache.Get(key);
        if (resource is null)
        {
            // Deleted and gone (any finalizer already ran): nothing left to drive.
            Queue.Forget(key);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        ReconcileResult result;
        try
        {
            result = await _reconciler.ReconcileAsync(resource, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: not a failure, the next leader picks the key up.
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = ReconcileResult.Retry(e);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        RuntimeMetrics.RecordReconcile(Name, result.Label, elapsed);
        Apply(key, result);
    }

    private void Apply(ObjectKey key, ReconcileResult result)
    {
        switch (result)
        {
            case ReconcileResult.RequeueAfterResult requeue:
                Queue.Forget(key);
                Queue.AddAfter(key, requeue.Delay);
                break;
            case ReconcileResult.RetryResult retry:
                var delay = Queue.AddRateLimited(key);
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
