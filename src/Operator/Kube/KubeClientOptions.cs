namespace IrOperator.Kube;

/// <summary>How the operator talks to the API server: client-side rate limit and retries.</summary>
public sealed record KubeClientOptions
{
    /// <summary>Sustained requests per second (client-go's QPS; controller-runtime's default is 20); 0 disables the limit.</summary>
    public double Qps { get; init; } = 20;

    /// <summary>Requests allowed in a burst above the sustained rate (controller-runtime: 30).</summary>
    public int Burst { get; init; } = 30;

    /// <summary>
    /// Requests that may wait for a token at once; one more fails at once with a rate-limiter rejection (the
    /// reconcile backs off) instead of queueing without bound behind a storm of work.
    /// </summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>
    /// Sustained requests per second of urgent work (ending access, docs/runtime.md "Urgent work"), a budget of its own
    /// next to <see cref="Qps"/>, so ending access never waits behind a storm of ordinary requests; 0 lets urgent
    /// requests share the ordinary budget. Ignored when <see cref="Qps"/> is 0 (no limit at all).
    /// </summary>
    public double UrgentQps { get; init; } = 5;

    /// <summary>Burst of the urgent budget.</summary>
    public int UrgentBurst { get; init; } = 10;

    /// <summary>Retries of one request after 429, 5xx or a dropped connection.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First retry delay when the server gives no Retry-After; doubled per attempt, jittered.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay, Retry-After included (a server asking for more is capped here).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
