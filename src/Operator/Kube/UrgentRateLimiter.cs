using System.Threading.RateLimiting;

namespace IrOperator.Kube;

/// <summary>
/// The limiter urgent requests go through (docs/runtime.md, "Urgent work"): a token of the shared bucket when one is
/// free at once (no ordinary request is waiting), else a token of the urgent budget, waiting there if need be. So
/// urgent work is never slower than ordinary work when the client is idle, and never waits behind ordinary work when
/// it is busy; at most the urgent budget is added to the shared rate.
/// </summary>
public sealed class UrgentRateLimiter(RateLimiter shared, RateLimiter urgent) : RateLimiter
{
    public override TimeSpan? IdleDuration => urgent.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => urgent.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var lease = shared.AttemptAcquire(permitCount);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        return urgent.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var lease = shared.AttemptAcquire(permitCount);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        return await urgent.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
    }
}
