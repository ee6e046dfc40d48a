using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IrOperator.Kube;

/// <summary>
/// The runtime's instruments on the `IrOperator` meter. prometheus-net's meter adapter exports them on
/// /metrics (prefixed with the meter name, dots become underscores), so there is no hand-written exposition format anywhere.
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "IrOperator";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<WorkQueue, byte> Queues = new();
    private static readonly ConcurrentDictionary<object, Func<bool>> Runtimes = new();

    private static readonly Counter<long> Reconciles = Meter.CreateCounter<long>(
        "reconcile.total", description: "Reconciles by controller and result.");

    private static readonly Histogram<double> ReconcileDuration = Meter.CreateHistogram<double>(
        "reconcile.duration.seconds", unit: "s", description: "Reconcile duration by controller and result.");

    private static readonly Counter<long> QueueAdds = Meter.CreateCounter<long>(
        "workqueue.adds.total", description: "Keys added to a controller's work queue.");

    private static readonly Counter<long> QueueRetries = Meter.CreateCounter<long>(
        "workqueue.retries.total", description: "Keys re-added with failure backoff.");

    static RuntimeMetrics()
    {
        Meter.CreateObservableGauge(
            "workqueue.depth",
            () => Queues.Keys.Select(q => new Measurement<long>(q.Depth, new KeyValuePair<string, object?>("controller", q.Name))),
            description: "Keys waiting in a controller's work queue.");
        Meter.CreateObservableGauge(
            "workqueue.longest_running.seconds",
            () => Queues.Keys.Select(q => new Measurement<double>(q.LongestRunning.TotalSeconds, new KeyValuePair<string, object?>("controller", q.Name))),
            unit: "s",
            description: "How long the longest reconcile in progress has been running.");
        // One sample per running runtime, 0 on a standby: the sum over replicas says whether anyone leads
        // (the NoLeader alert, docs/operations.md); no sample at all means no replica runs.
        Meter.CreateObservableGauge(
            "leader",
            () => Runtimes.Values.Select(isLeader => new Measurement<long>(isLeader() ? 1 : 0)),
            description: "1 while this replica holds the Lease (or runs without leader election), 0 while it stands by.");
    }

    internal static void RegisterRuntime(object runtime, Func<bool> isLeader) => Runtimes[runtime] = isLeader;

    internal static void UnregisterRuntime(object runtime) => Runtimes.TryRemove(runtime, out _);

    internal static void Register(WorkQueue queue) => Queues.TryAdd(queue, 0);

    internal static void Unregister(WorkQueue queue) => Queues.TryRemove(queue, out _);

    internal static void RecordAdd(string controller) => QueueAdds.Add(1, new KeyValuePair<string, object?>("controller", controller));

    internal static void RecordRetry(string controller) => QueueRetries.Add(1, new KeyValuePair<string, object?>("controller", controller));

    internal static void RecordReconcile(string controller, string result, TimeSpan duration)
    {
        var tags = new TagList { { "controller", controller }, { "result", result } };
        Reconciles.Add(1, tags);
        ReconcileDuration.Record(duration.TotalSeconds, tags);
    }
}
