namespace IrOperator.Controllers.Grants;

/// <summary>The condition types of a grant's status (docs/grants.md, "Status").</summary>
public static class GrantConditions
{
    /// <summary>True while enough valid approvals are counted; False with AwaitingApproval, Denied or a validation reason.</summary>
    public const string Approved = "Approved";

    /// <summary>True while access is open and visible in every account; False with the lifecycle's reason otherwise.</summary>
    public const string Active = "Active";

    /// <summary>True when the principal is an IAM role, whose sessions STS caps at one hour (role chaining).</summary>
    public const string RoleChainingLimitsSessions = GrantReasons.RoleChainingLimitsSessions;
}
