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

    /// <summary>
    /// The unique ids of the users and roles its trust policy names by ARN, as they were when the
    /// policy was written: IAM stores the ids, so a principal deleted and created again under the same
    /// ARN is not trusted (see <see cref="TrustBinding"/>).
    /// </summary>
    public ImmutableDictionary<string, string> TrustPrincipalIds { get; init; } = ImmutableDictionary<string, string>.Empty;

    public int InlinePoliciesSize => InlinePolicies.Values.Sum(policy => policy.Size);
}
