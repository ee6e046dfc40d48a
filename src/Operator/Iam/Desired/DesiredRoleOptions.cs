using IrOperator.Iam.Presets;

namespace IrOperator.Iam.Desired;

/// <summary>The operator settings the desired state depends on: cluster id for ownership, IAM quotas, preset settings, the default boundary; and the account it is built for.</summary>
public sealed record DesiredRoleOptions
{
    /// <summary>Value of the <c>iroperator.io/cluster</c> tag: tells apart operators of several clusters sharing accounts.</summary>
    public string ClusterId { get; init; } = "default";

    /// <summary>IAM's trust policy size quota in this organization (2,048 by default; Service Quotas can raise it to 8,192).</summary>
    public int TrustPolicySizeQuota { get; init; } = Policies.PolicySize.TrustPolicyDefaultQuota;

    /// <summary>IAM's quota for all inline policies of a role together (10,240, not adjustable).</summary>
    public int InlinePoliciesSizeQuota { get; init; } = Policies.PolicySize.RoleInlinePoliciesQuota;

    /// <summary>IAM's managed policies per role quota (10 by default, adjustable to 20).</summary>
    public int ManagedPoliciesPerRoleQuota { get; init; } = 10;

    /// <summary>IAM's tags per role quota.</summary>
    public int TagsPerRoleQuota { get; init; } = 50;

    public PresetOptions Presets { get; init; } = new();

    /// <summary>
    /// The account the role is built for: replaces <c>{accountId}</c> in the boundary ARN. Null only to validate a
    /// spec before any account is known; what is written to IAM is always built for its account.
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>
    /// The boundary of every role whose spec sets none (ResponderRoles:DefaultPermissionsBoundary), e.g.
    /// <c>arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary</c>; a role's own wins.
    /// </summary>
    public string? DefaultPermissionsBoundary { get; init; }
}
