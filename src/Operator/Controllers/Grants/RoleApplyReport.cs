namespace IrOperator.Controllers.Grants;

/// <summary>
/// What the role's one apply path learned about one role in one account, for the grants: the Sids of the trust
/// statements a read from IAM showed, the Sids of the trust document it wrote (empty when it wrote none), the
/// grants it refused for lack of room, and the AWS error when the apply failed.
/// </summary>
public sealed record RoleApplyReport(
    IReadOnlySet<string> VisibleSids,
    IReadOnlySet<string> WrittenSids,
    IReadOnlyList<RejectedGrant> Rejected,
    string? Error = null,
    bool ErrorIsTerminal = false)
{
    /// <summary>A key of the grant part the apply wrote from, so the next apply can tell a grant change from drift.</summary>
    public string? AccessKey { get; init; }
}
