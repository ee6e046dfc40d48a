namespace IrOperator.Kube;

/// <summary>How a <see cref="LeaderElection"/> run ended; the host turns it into the exit code.</summary>
public enum LeadershipEnd
{
    /// <summary>Stop was asked before leadership was won, or the work drained in time and the Lease was handed back.</summary>
    Released,

    /// <summary>Renewal failed: the work was cancelled but not waited for; the process must exit at once.</summary>
    Lost,

    /// <summary>The work outlived the graceful-shutdown timeout: the Lease is kept (left to expire), the process must exit.</summary>
    DrainTimedOut,
}
