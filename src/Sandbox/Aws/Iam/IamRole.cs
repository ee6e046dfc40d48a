using System.Collections.Immutable;
using IrOperator.Sandbox.Aws.Policy;

namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// One version of a role. Roles are immutable values: a write stores a new version, which is what
/// lets the emulator show an older version to readers during an eventual-consistency delay.
/// </summary>
public sealed record IamRole(
    string AccountId,
    string Name,
    string Path,
    string RoleId,
    DateTimeOffset CreateDate,
    string TrustPolicyJson,
    PolicyDocument TrustPolicy,
    string? Description,
    int MaxSessionDuration,
    string? PermissionsBoundaryArn,
    ImmutableList<IamTag> Tags,
    ImmutableSortedDictionary<string, InlinePolicy> InlinePolicies,
    ImmutableList<string> AttachedPolicyArns,
    string Partition = "aws")
{
    public string Arn => $"arn:{Partition}:iam::{AccountId}:role{Path}{Name}";

    public int InlinePoliciesSize => InlinePolicies.Values.Sum(policy => policy.Size);
}
