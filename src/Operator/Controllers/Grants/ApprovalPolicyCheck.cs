namespace IrOperator.Controllers.Grants;

/// <summary>
/// What the last look at the approval admission policy found (docs/approvals.md, "Fail closed"): whether the policy
/// and its binding are in place with Deny, what is wrong if not, and when the guard looks again.
/// </summary>
public sealed record ApprovalPolicyCheck(bool InPlace, string Message, DateTimeOffset NextCheck);
