using System.Collections.Concurrent;
using IrOperator.Kube;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>
/// Records what each reconcile and each deletion saw and how many ran at once, per key and overall (a
/// deletion and a reconcile of the same key count as overlapping); the bodies are pluggable.
/// </summary>
public sealed class RecordingReconciler(Func<Widget, CancellationToken, Task<ReconcileResult>>? body = null) : IReconciler<Widget>
{
    private readonly ConcurrentDictionary<ObjectKey, int> _inFlight = new();
    private int _running;

    public ConcurrentDictionary<ObjectKey, int> LastValue { get; } = new();

    /// <summary>The resourceVersion each key was last reconciled at.</summary>
    public ConcurrentDictionary<ObjectKey, string> LastVersion { get; } = new();

    public ConcurrentDictionary<ObjectKey, int> Count { get; } = new();

    public ConcurrentQueue<(ObjectKey Key, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>Every tombstone handed to DeletedAsync, in order.</summary>
    public ConcurrentQueue<Widget> Deleted { get; } = new();

    /// <summary>Runs on each deletion instead of answering Done.</summary>
    public Func<Widget, CancellationToken, Task<ReconcileResult>>? DeletedBody { get; init; }

    public int MaxPerKey { get; private set; }

    public int MaxOverall { get; private set; }

    public int Total => Count.Values.Sum();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Task<ReconcileResult> ReconcileAsync(Widget resource, CancellationToken cancellationToken) =>
        TrackAsync(resource, async () =>
        {
            Calls.Enqueue((ObjectKey.Of(resource.Metadata), Time.GetUtcNow()));
            var result = body is null ? ReconcileResult.Done : await body(resource, cancellationToken);
            var key = ObjectKey.Of(resource.Metadata);
            LastValue[key] = resource.Spec.Value;
            LastVersion[key] = resource.Metadata.ResourceVersion;
            Count.AddOrUpdate(key, 1, (_, n) => n + 1);
            return result;
        });

    public Task<ReconcileResult> DeletedAsync(Widget lastKnown, CancellationToken cancellationToken) =>
        TrackAsync(lastKnown, async () =>
        {
            var result = DeletedBody is null ? ReconcileResult.Done : await DeletedBody(lastKnown, cancellationToken);
            if (result == ReconcileResult.Done)
            {
                Deleted.Enqueue(lastKnown);
            }
            return result;
        });

    private async Task<ReconcileResult> TrackAsync(Widget resource, Func<Task<ReconcileResult>> call)
    {
        var key = ObjectKey.Of(resource.Metadata);
        var perKey = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        var overall = Interlocked.Increment(ref _running);
        lock (_inFlight)
        {
            MaxPerKey = Math.Max(MaxPerKey, perKey);
            MaxOverall = Math.Max(MaxOverall, overall);
        }
        try
        {
            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }
}
