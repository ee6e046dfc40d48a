namespace IrOperator.Kube;

public sealed record InformerOptions
{
    /// <summary>Watch one namespace only (null: all namespaces, or a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }

    /// <summary>Items per LIST page (limit/continue), so a large kind does not arrive as one huge response; 0: one page.</summary>
    public int ListPageSize { get; init; } = 500;

    /// <summary>Server-side watch timeout; the informer resumes after it, spreading reconnects by up to +50 %.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Cap of the delay between failed list/watch attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
