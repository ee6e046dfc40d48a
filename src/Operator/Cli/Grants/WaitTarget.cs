namespace IrOperator.Cli.Grants;

/// <summary>What <c>wait --for</c> waits for.</summary>
public enum WaitTarget
{
    /// <summary>Enough approvals: the window is fixed (phase Approved or Active).</summary>
    Approved,

    /// <summary>Access is open and visible in IAM in every target account (phase Active).</summary>
    Active,

    /// <summary>The grant has ended, whichever way (Expired, Revoked, Denied or Failed).</summary>
    Ended,
}
