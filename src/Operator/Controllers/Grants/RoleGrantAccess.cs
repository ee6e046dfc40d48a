using IrOperator.Iam.Desired;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The grant-driven part of one role's desired state in one account, as read from the grant cache: the trust
/// statements of the grants admitted, the requesters' end-of-access denies, and the grants refused for lack of
/// room (docs/grants.md, "One writer per role").
/// </summary>
public sealed record RoleGrantAccess(RoleAccess Access, IReadOnlyList<RejectedGrant> Rejected)
{
    public static RoleGrantAccess None { get; } = new(RoleAccess.None, []);
}
