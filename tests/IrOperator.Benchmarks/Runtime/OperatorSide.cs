using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IrOperator.Hosting;
using IrOperator.Kube;
using k8s;

namespace IrOperator.Benchmarks.Runtime;

/// <summary>
/// The operator process of the harness: informer + controller with a no-op reconciler over the objects the
/// parent created. Reports sync time, reconciles per second, memory with everything cached, and the
/// event-to-reconcile latency next to the raw watch delivery latency measured in the same run.
/// </summary>
internal static class OperatorSide
{
    public const string Verb = "runtime-operator";
    private const long SampleBase = 1_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = RuntimeScaleHarness.IntArg(args, "--objects", 10_000);
        var samples = RuntimeScaleHarness.IntArg(args, "--samples", 300);
        var workers = RuntimeScaleHarness.IntArg(args, "--workers", 4);
        var pageSize = RuntimeScaleHarness.IntArg(args, "--page-size", 500);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(RuntimeScaleHarness.StringArg(args, "--kubeconfig"));
        // No client-side rate limit: the harness measures the runtime, not the limiter.
        using var client = (Kubernetes)KubeClientFactory.Create(config, new KubeClientOptions { Qps = 0 }, TimeProvider.System);

        var reconciled = new ConcurrentDictionary<string, byte>();
        var reconcileSeen = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        var reconciler = new TimingReconciler(reconciled, reconcileSeen);
        var informer = new Informer<BenchWidget>(client, BenchKind.Kind, TimeProvider.System, new InformerOptions { Namespace = BenchKind.Namespace, ListPageSize = pageSize }, Serilog.Core.Logger.None);
        using var controller = new Controller<BenchWidget>("bench", informer, reconciler, TimeProvider.System, new ControllerOptions { Workers = workers }, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();

        var started = Stopwatch.GetTimestamp();
        var run = controller.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromMinutes(5));
        var synced = Stopwatch.GetElapsedTime(started);
        await WaitUntil(() => reconciled.Count >= objects, TimeSpan.FromMinutes(5));
        var initial = Stopwatch.GetElapsedTime(started) - synced;
        Report("list+sync", $"{synced.TotalSeconds:F2} s for {informer.Cache.Count} objects");
        Report("initial reconciles/s", $"{objects / initial.TotalSeconds:F0} ({objects} in {initial.TotalSeconds:F2} s after sync, {workers} workers)");

        // Requeue every key at once: the queue, workers and cache reads alone, no list in the way.
        reconciler.Reset();
        var again = Stopwatch.GetTimestamp();
        foreach (var key in informer.Cache.Keys())
        {
            controller.Enqueue(key);
        }
        await WaitUntil(() => reconciler.Count >= objects, TimeSpan.FromMinutes(5));
        var drain = Stopwatch.GetElapsedTime(again);
        Report("requeue-all reconciles/s", $"{objects / drain.TotalSeconds:F0} ({objects} in {drain.TotalSeconds:F2} s)");

        var latency = await MeasureLatencyAsync(client, objects, samples, reconcileSeen);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Report("memory", string.Create(CultureInfo.InvariantCulture,
            $"peak working set {self.PeakWorkingSet64 / 1048576.0:F1} MB, working set now {self.WorkingSet64 / 1048576.0:F1} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MB with {informer.Cache.Count} cached"));
        Report("watch delivery latency", Describe(latency.Watch));
        Report("event-to-reconcile latency", Describe(latency.Reconcile));
        Report("ratio reconcile/watch", string.Create(CultureInfo.InvariantCulture,
            $"p50 {Percentile(latency.Reconcile, 0.5) / Percentile(latency.Watch, 0.5):F2}, p99 {Percentile(latency.Reconcile, 0.99) / Percentile(latency.Watch, 0.99):F2}"));

        await stop.CancelAsync();
        await run;
        return 0;
    }

    private static async Task<(List<double> Watch, List<double> Reconcile)> MeasureLatencyAsync(
        Kubernetes client, int objects, int samples, ConcurrentDictionary<long, TaskCompletionSource<long>> reconcileSeen)
    {
        var watchSeen = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(
            BenchKind.Kind.Group, BenchKind.Kind.Version, BenchKind.Namespace, BenchKind.Kind.Plural, limit: 1);
        var version = list.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var stopWatch = new CancellationTokenSource();
        // The baseline: a bare watch on the same client, timestamping each event as it is decoded.
        var rawWatch = Task.Run(async () =>
        {
            try
            {
                await foreach (var (_, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    BenchKind.Kind.Group, BenchKind.Kind.Version, BenchKind.Namespace, BenchKind.Kind.Plural,
                    resourceVersion: version, allowWatchBookmarks: true, cancellationToken: stopWatch.Token))
                {
                    var at = Stopwatch.GetTimestamp();
                    var element = (JsonElement)item;
                    if (element.TryGetProperty("spec", out var spec) && spec.TryGetProperty("value", out var value) && value.GetInt64() >= SampleBase)
                    {
                        watchSeen.GetOrAdd(value.GetInt64(), _ => new TaskCompletionSource<long>()).TrySetResult(at);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var watch = new List<double>();
        var reconcile = new List<double>();
        for (var i = 0; i < samples + 20; i++)
        {
            var value = SampleBase + i;
            var watched = watchSeen.GetOrAdd(value, _ => new TaskCompletionSource<long>());
            var reconciledAt = reconcileSeen.GetOrAdd(value, _ => new TaskCompletionSource<long>());
            var sent = Stopwatch.GetTimestamp();
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new k8s.Models.V1Patch($"{{\"spec\":{{\"value\":{value}}}}}", k8s.Models.V1Patch.PatchType.MergePatch),
                BenchKind.Kind.Group, BenchKind.Kind.Version, BenchKind.Namespace, BenchKind.Kind.Plural, $"w-{i % objects:D5}");
            var both = await Task.WhenAll(watched.Task, reconciledAt.Task).WaitAsync(TimeSpan.FromSeconds(30));
            if (i < 20)
            {
                continue; // warm-up: JIT and connection setup
            }
            watch.Add(Stopwatch.GetElapsedTime(sent, both[0]).TotalMilliseconds);
            reconcile.Add(Stopwatch.GetElapsedTime(sent, both[1]).TotalMilliseconds);
        }
        await stopWatch.CancelAsync();
        await rawWatch;
        return (watch, reconcile);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The harness did not reach its condition in time.");
            }
            await Task.Delay(5);
        }
    }

    private static string Describe(List<double> millis) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(millis, 0.5):F2} ms, p99 {Percentile(millis, 0.99):F2} ms, max {millis.Max():F2} ms (n={millis.Count})");

    internal static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    private static void Report(string name, string value) => Console.WriteLine($"  {name,-28} {value}");

    private sealed class TimingReconciler(ConcurrentDictionary<string, byte> reconciled, ConcurrentDictionary<long, TaskCompletionSource<long>> seen) : IReconciler<BenchWidget>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public Task<ReconcileResult> ReconcileAsync(BenchWidget resource, CancellationToken cancellationToken)
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _count);
            reconciled.TryAdd(resource.Metadata.Name, 0);
            if (resource.Spec.Value >= SampleBase)
            {
                seen.GetOrAdd(resource.Spec.Value, _ => new TaskCompletionSource<long>()).TrySetResult(at);
            }
            return Task.FromResult(ReconcileResult.Done);
        }
    }
}
