namespace IrOperator.Kube;

public sealed record ControllerOptions
{
    /// <summary>Reconciles running at once; one key is never on two workers whatever this is.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>
    /// Extra workers that take urgent keys only (ending access, docs/runtime.md "Urgent work"), so urgent work never
    /// waits for an ordinary reconcile to finish. Zero: urgent keys still go first, on the ordinary workers.
    /// </summary>
    public int UrgentWorkers { get; init; } = 1;

    /// <summary>First failure backoff; doubled per consecutive failure of the same key.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest failure backoff.</summary>
    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often every cached object is reconciled again without a change (controller-runtime's SyncPeriod,
    /// 10 hours there; shorter here so AWS drift is seen): jittered by ±10 %, keys spread over a tenth of
    /// it. Null or zero: never.
    /// </summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);
}
