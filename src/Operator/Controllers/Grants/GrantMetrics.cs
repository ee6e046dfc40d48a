using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The grant instruments on the operator's meter (exported on /metrics like the runtime's): grants by phase,
/// approval-to-active latency (activatedAt until the statement is visible in every account) and expiry lag
/// (expiresAt until the statement is gone from IAM everywhere), and how far past its end the most overdue grant
/// still is (the alert for access that outlives its grant, docs/operations.md). docs/grants.md, "Metrics".
/// </summary>
public static class GrantMetrics
{
    private static readonly Meter Meter = new(RuntimeMetrics.MeterName);
    private static readonly ConcurrentDictionary<string, (Func<IReadOnlyCollection<BreakGlassGrant>> List, TimeProvider Time)> Sources = new();

    private static readonly Histogram<double> ActivationLatency = Meter.CreateHistogram<double>(
        "grant.activation.latency.seconds", unit: "s", description: "From a grant's approval (activatedAt) until its trust statement is visible in IAM in every account.");

    private static readonly Histogram<double> ExpiryLag = Meter.CreateHistogram<double>(
        "grant.expiry.lag.seconds", unit: "s", description: "From a grant's expiresAt until its trust statement is gone from IAM in every account.");

    static GrantMetrics()
    {
        Meter.CreateObservableGauge(
            "grants",
            () => Sources.Values.SelectMany(source => source.List())
                .GroupBy(g => g.Status?.Phase?.ToString() ?? "New")
                .Select(g => new Measurement<long>(g.LongCount(), new KeyValuePair<string, object?>("phase", g.Key))),
            description: "BreakGlassGrants by phase, from the operator's cache.");
        Meter.CreateObservableGauge(
            "grant.overdue.seconds",
            () => Sources.Values.Select(source => new Measurement<double>(
                source.List().Select(g => Overdue(g, source.Time.GetUtcNow())).DefaultIfEmpty(TimeSpan.Zero).Max().TotalSeconds)),
            unit: "s",
            description: "How long past its end the most overdue grant still is: open in status after expiresAt, or ended with its trust statement not yet gone from IAM everywhere. 0 when none.");
    }

    /// <summary>Counts the grants of a cache (one per controller term; <paramref name="name"/> replaces an earlier term's).</summary>
    public static void Observe(string name, Func<IReadOnlyCollection<BreakGlassGrant>> grants, TimeProvider time) => Sources[name] = (grants, time);

    /// <summary>
    /// How long a grant's access has outlived its end: an opened grant still Approved or Active after expiresAt,
    /// or a finished grant whose statement is not yet confirmed gone (from endedAt). AWS itself still ends the
    /// sessions at the window's end (the statement's conditions); this measures the operator falling behind.
    /// </summary>
    internal static TimeSpan Overdue(BreakGlassGrant grant, DateTimeOffset now)
    {
        var status = grant.Status;
        if (status?.ActivatedAt is null)
        {
            return TimeSpan.Zero;
        }
        DateTime? end = status.Phase is GrantPhase.Approved or GrantPhase.Active
            ? status.ExpiresAt
            : GrantLifecycle.IsFinished(status.Phase) && !GrantEvents.IsClean(status) ? status.EndedAt ?? status.ExpiresAt : null;
        if (GrantFacts.Utc(end) is not { } due || due >= now)
        {
            return TimeSpan.Zero;
        }
        return now - due;
    }

    public static void RecordActivation(TimeSpan latency) => ActivationLatency.Record(Math.Max(0, latency.TotalSeconds));

    public static void RecordExpiryLag(TimeSpan lag) => ExpiryLag.Record(Math.Max(0, lag.TotalSeconds));
}
