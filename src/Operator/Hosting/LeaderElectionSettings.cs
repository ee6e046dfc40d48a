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

    /// <summary>
    /// client-go's rules (leaderelection.NewLeaderElector): every duration positive, leaseDuration &gt;
    /// renewDeadline &gt; 1.2 × retryPeriod (1.2 is the elector's jitter factor). They keep the hand-over safe: a
    /// leader gives up within renewDeadline (+ retryPeriod) of its last renewal, before any other replica may
    /// take the Lease (leaseDuration after it saw that renewal).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        const double jitterFactor = 1.2;
        var errors = new List<string>();
        foreach (var (name, value) in new[] { ("leaseDurationSeconds", LeaseDurationSeconds), ("renewDeadlineSeconds", RenewDeadlineSeconds), ("retryPeriodSeconds", RetryPeriodSeconds) })
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                errors.Add($"leaderElection.{name} must be a positive number of seconds (got {value}).");
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (LeaseDurationSeconds <= RenewDeadlineSeconds)
        {
            errors.Add($"leaderElection.leaseDurationSeconds ({LeaseDurationSeconds}) must be greater than leaderElection.renewDeadlineSeconds ({RenewDeadlineSeconds}).");
        }
        if (RenewDeadlineSeconds <= jitterFactor * RetryPeriodSeconds)
        {
            errors.Add($"leaderElection.renewDeadlineSeconds ({RenewDeadlineSeconds}) must be greater than 1.2 × leaderElection.retryPeriodSeconds ({RetryPeriodSeconds}).");
        }
        return errors;
    }
}
