namespace IrOperator.Hosting;

/// <summary>Why `iroperator run` stopped; everything but <see cref="Stopped"/> exits non-zero (docs/runtime.md, "Leader hand-over").</summary>
public enum RunOutcome
{
    /// <summary>Shutdown was asked; the controllers drained and the Lease was handed back.</summary>
    Stopped,

    /// <summary>The Lease could not be renewed: exit at once, without waiting for reconciles.</summary>
    LeadershipLost,

    /// <summary>A controller (or its factory) failed or ended on its own: leadership was given up.</summary>
    ControllerFailed,

    /// <summary>The controllers outlived the graceful-shutdown timeout: the Lease is left to expire.</summary>
    DrainTimedOut,
}
