using Prometheus;

namespace IrOperator.Hosting;

/// <summary>
/// Starts prometheus-net's meter adapter once per process, eagerly. Its built-in adapter starts with the
/// first scrape, and Counter measurements recorded before that are lost (only observable instruments
/// are polled), so a reconcile before the first scrape would never be counted.
/// prometheus-net exports .NET Counters as gauges named {meter}_{instrument}.
/// </summary>
internal static class PrometheusExport
{
    private static readonly Lazy<IDisposable> Adapter = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            // Reconciles range from sub-millisecond no-ops to AWS calls that take seconds.
            ResolveHistogramBuckets = _ => [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        });
    });

    public static void EnsureStarted() => _ = Adapter.Value;
}
