namespace IrOperator.Kube;

public sealed record LeaderElectionOptions
{
    public bool Enabled { get; init; } = true;

    public string LeaseName { get; init; } = "iroperator-leader";

    /// <summary>Namespace of the Lease; in a pod, the pod's own namespace is the usual choice.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>This replica's identity in the Lease (pod name in a cluster).</summary>
    public string Identity { get; init; } = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
