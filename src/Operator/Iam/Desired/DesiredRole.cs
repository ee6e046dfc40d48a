using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Desired;

/// <summary>
/// The IAM role that should exist in one account: computed from the ResponderRole's spec, the
/// operator's settings and the active grants, never from what IAM returned. The planner compares it
/// with an <see cref="Planning.ObservedRole"/>. See docs/iam-model.md.
/// </summary>
public sealed record DesiredRole
{
    public required string RoleName { get; init; }

    public required string Path { get; init; }

    /// <summary>Null or empty: no description.</summary>
    public string? Description { get; init; }

    /// <summary>Seconds, 3600..43200.</summary>
    public int MaxSessionDuration { get; init; } = 3600;

    public required PolicyDocument TrustPolicy { get; init; }

    /// <summary>Inline policies by name: the preset's (<c>iroperator-preset...</c>), the spec's, and <see cref="EndOfAccessPolicy.Name"/> when any deny is due.</summary>
    public IReadOnlyDictionary<string, PolicyDocument> InlinePolicies { get; init; } = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);

    /// <summary>Managed policy ARNs to attach (a set; order is not significant).</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>All tags of the role, the ownership tags included.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required RoleOwner Owner { get; init; }

    /// <summary>The role's ARN in <paramref name="account"/> (partition from the boundary or "aws").</summary>
    public string ArnIn(string account, string partition = "aws") => $"arn:{partition}:iam::{account}:role{Path}{RoleName}";
}
