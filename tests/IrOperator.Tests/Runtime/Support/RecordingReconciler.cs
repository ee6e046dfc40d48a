using System.Collections.Concurrent;
using IrOperator.Kube;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>Records what each reconcile saw and how many ran at once, per key and overall; the body is pluggable.</summary>
public sealed class RecordingReconciler(Func<Widget, CancellationToken, Task<ReconcileResult>>? body = null) : IReconciler<Widget>
{
    private readonly ConcurrentDictionary<ObjectKey, int> _inFlight = new();
    private int _running;

    public ConcurrentDictionary<ObjectKey, int> LastValue { get; } = new();

    public ConcurrentDictionary<ObjectKey, int> Count { get; } = new();

    public ConcurrentQueue<(ObjectKey Key, DateTimeOffset At)> Calls { get; } = new();

    public int MaxPerKey { get; private set; }

    public int MaxOverall { get; private set; }

    public int Total => Count.Values.Sum();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<ReconcileResult> ReconcileAsync(Widget resource, CancellationToken cancellationToken)
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
            Calls.Enqueue((key, Time.GetUtcNow()));
            var result = body is null ? ReconcileResult.Done : await body(resource, cancellationToken);
            LastValue[key] = resource.Spec.Value;
            Count.AddOrUpdate(key, 1, (_, n) => n + 1);
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }
}
