using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The grant instruments on the operator's meter (exported on /metrics like the runtime's): grants by phase,
/// approval-to-active latency (activatedAt until the statement is visible in every account) and expiry lag
/// (expiresAt until the statement is gone from IAM everywhere). docs/grants.md, "Metrics".
/// </summary>
public static class GrantMetrics
{
    private static readonly Meter Meter = new(RuntimeMetrics.MeterName);
    private static readonly ConcurrentDictionary<string, Func<IReadOnlyCollection<BreakGlassGrant>>> Sources = new();

    private static readonly Histogram<double> ActivationLatency = Meter.CreateHistogram<double>(
        "grant.activation.latency.seconds", unit: "s", description: "From a grant's approval (activatedAt) until its trust statement is visible in IAM in every account.");

    private static readonly Histogram<double> ExpiryLag = Meter.CreateHistogram<double>(
        "grant.expiry.lag.seconds", unit: "s", description: "From a grant's expiresAt until its trust statement is gone from IAM in every account.");

    static GrantMetrics()
    {
        Meter.CreateObservableGauge(
            "grants",
            () => Sources.Values.SelectMany(list => list())
                .GroupBy(g => g.Status?.Phase?.ToString() ?? "New")
                .Select(g => new Measurement<long>(g.LongCount(), new KeyValuePair<string, object?>("phase", g.Key))),
            description: "BreakGlassGrants by phase, from the operator's cache.");
    }

    /// <summary>Counts the grants of a cache (one per controller term; <paramref name="name"/> replaces an earlier term's).</summary>
    public static void Observe(string name, Func<IReadOnlyCollection<BreakGlassGrant>> grants) => Sources[name] = grants;

    public static void RecordActivation(TimeSpan latency) => ActivationLatency.Record(Math.Max(0, latency.TotalSeconds));

    public static void RecordExpiryLag(TimeSpan lag) => ExpiryLag.Record(Math.Max(0, lag.TotalSeconds));
}
