namespace IrOperator.Controllers.Grants;

/// <summary>
/// The condition reasons and event reasons of a grant, in one place: the audit log, the events and the
/// conditions use the same words, so one can be searched for the other (docs/grants.md, "Reasons").
/// </summary>
public static class GrantReasons
{
    // Validation on arrival (phase Denied, or Pending while waiting).
    public const string RoleNotFound = "RoleNotFound";
    public const string RoleNotBreakGlass = "RoleNotBreakGlass";
    public const string AccountNotInRole = "AccountNotInRole";
    public const string DurationTooLong = "DurationTooLong";
    public const string PrincipalNotAllowed = "PrincipalNotAllowed";
    public const string InvalidRequester = "InvalidRequester";
    public const string InvalidSpec = "InvalidSpec";
    public const string WaitingForRole = "WaitingForRole";
    public const string WaitingForInventory = "WaitingForInventory";

    // The lifecycle (also the Kubernetes event reasons of docs/grants.md, "The break-glass access log").
    public const string Requested = "Requested";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string Approved = "Approved";
    public const string ApprovalPolicyMissing = "ApprovalPolicyMissing";
    public const string ApprovalIgnored = "ApprovalIgnored";
    public const string Denied = "Denied";
    public const string Activating = "Activating";
    public const string Activated = "Activated";
    public const string AccountFailed = "AccountFailed";
    public const string Failed = "Failed";
    public const string Expired = "Expired";
    public const string Revoked = "Revoked";
    public const string Cleaned = "Cleaned";
    public const string RetentionEnded = "RetentionEnded";
    public const string RoleChainingLimitsSessions = "RoleChainingLimitsSessions";

    // An opened grant whose role goes away (phase Revoked; also RoleNotBreakGlass and AccountNotInRole above).
    public const string RoleDeleted = "RoleDeleted";
}
