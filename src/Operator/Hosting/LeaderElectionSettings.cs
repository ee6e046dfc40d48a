namespace IrOperator.Hosting;

public sealed class LeaderElectionSettings
{
    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "iroperator-leader";

    /// <summary>Empty means the pod's namespace (from the service account) in a cluster, else "default".</summary>
    public string? LeaseNamespace { get; set; } = "";

    /// <summary>Empty means $POD_NAME, else the host name plus a random suffix.</summary>
    public string? Identity { get; set; } = "";

    public double LeaseDurationSeconds { get; set; } = 15;

    public double RenewDeadlineSeconds { get; set; } = 10;

    public double RetryPeriodSeconds { get; set; } = 2;
}
