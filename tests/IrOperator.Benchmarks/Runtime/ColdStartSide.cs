using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using IrOperator.Kube;
using k8s;

namespace IrOperator.Benchmarks.Runtime;

/// <summary>
/// `runtime --cold-start`: the operator process starting on objects it has never seen, each needing a finalizer
/// and a status write, through the operator's client with the client-side rate limit on. Reports the wall time
/// against the configured QPS (docs/benchmarks.md, "Rate-limited cold start").
/// </summary>
internal static class ColdStartSide
{
    public const string Flag = "--cold-start";
    public const string Verb = "runtime-coldstart";
    private const string Finalizer = "bench.iroperator.io/cleanup";

    public static async Task<int> RunAsync(string[] args)
    {
        var objects = RuntimeScaleHarness.IntArg(args, "--objects", 10_000);
        var workers = RuntimeScaleHarness.IntArg(args, "--workers", 4);
        var qps = RuntimeScaleHarness.IntArg(args, "--qps", 200);
        var burst = RuntimeScaleHarness.IntArg(args, "--burst", 30);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(RuntimeScaleHarness.StringArg(args, "--kubeconfig"));
        var counter = new CountingHandler();
        // The operator's handler (retries + token bucket) with a counter inside it: every attempt that got a token.
        using var client = new Kubernetes(config, KubeRequestPolicy.CreateHandler(new KubeClientOptions { Qps = qps, Burst = burst }, TimeProvider.System), counter);
        var log = Serilog.Core.Logger.None;
        var done = new ConcurrentDictionary<string, byte>();
        var reconciler = new ColdStartReconciler(new Finalizers(client, log), new StatusWriter(client, log), done);
        var informer = new Informer<BenchWidget>(client, BenchKind.Kind, TimeProvider.System, new InformerOptions { Namespace = BenchKind.Namespace }, log);
        using var controller = new Controller<BenchWidget>("coldstart", informer, reconciler, TimeProvider.System, new ControllerOptions { Workers = workers }, log);
        using var stop = new CancellationTokenSource();
        Console.WriteLine($"cold start: {objects} objects, QPS {qps}, burst {burst}, {workers} workers");

        var started = Stopwatch.GetTimestamp();
        var run = controller.RunAsync(stop.Token);
        while (done.Count < objects)
        {
            await Task.Delay(100);
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(30))
            {
                Console.WriteLine("timed out");
                return 1;
            }
        }
        var wall = Stopwatch.GetElapsedTime(started);
        var requests = counter.Count;
        var writes = counter.Writes;
        var floor = Math.Max(0, requests - burst) / (double)qps;
        Report("wall time", $"{wall.TotalSeconds:F1} s until every object had its finalizer and status");
        Report("requests sent", $"{requests} ({writes} writes: finalizer + status patches; the rest list/watch/reads)");
        Report("achieved requests/s", $"{requests / wall.TotalSeconds:F1} = {requests / wall.TotalSeconds / qps:F2} × QPS");
        Report("achieved writes/s", $"{writes / wall.TotalSeconds:F1} = {writes / wall.TotalSeconds / qps:F2} × QPS");
        Report("rate-limit floor", $"{floor:F1} s ((requests - burst) / QPS); wall / floor = {wall.TotalSeconds / floor:F2}");

        await stop.CancelAsync();
        await run;
        return 0;
    }

    private static void Report(string name, string value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-22} {value}"));

    /// <summary>Finalizer first, then the status, as every real controller does on its first pass.</summary>
    private sealed class ColdStartReconciler(Finalizers finalizers, StatusWriter status, ConcurrentDictionary<string, byte> done) : IReconciler<BenchWidget>
    {
        public async Task<ReconcileResult> ReconcileAsync(BenchWidget resource, CancellationToken cancellationToken)
        {
            resource = await finalizers.EnsureAsync(BenchKind.Kind, resource, Finalizer, cancellationToken);
            await status.UpdateAsync(BenchKind.Kind, resource, w => new BenchStatus { ObservedValue = w.Spec.Value }, cancellationToken);
            done.TryAdd(resource.Metadata.Name, 0);
            return ReconcileResult.Done;
        }
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;
        private int _writes;

        public int Count => Volatile.Read(ref _count);

        public int Writes => Volatile.Read(ref _writes);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            if (request.Method == HttpMethod.Patch)
            {
                Interlocked.Increment(ref _writes);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
