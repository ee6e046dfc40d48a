using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>
/// An IAM role as read from one account: GetRole (which carries the tags and the URL-decoded trust
/// policy), ListRolePolicies + GetRolePolicy, ListAttachedRolePolicies. Documents stay raw text
/// here; the planner parses them, and a document it cannot parse is never taken as equal.
/// </summary>
public sealed record ObservedRole
{
    public required string RoleName { get; init; }

    public required string Arn { get; init; }

    public required string Path { get; init; }

    public string? Description { get; init; }

    public int MaxSessionDuration { get; init; } = 3600;

    /// <summary>URL-decoded JSON.</summary>
    public required string AssumeRolePolicyDocument { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Inline policy name to URL-decoded JSON.</summary>
    public IReadOnlyDictionary<string, string> InlinePolicies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> AttachedPolicyArns { get; init; } = [];

    public static ObservedRole From(IamRole role, IEnumerable<RolePolicy> inlinePolicies, IEnumerable<AttachedPolicy> attachedPolicies)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(inlinePolicies);
        ArgumentNullException.ThrowIfNull(attachedPolicies);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in role.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return new ObservedRole
        {
            RoleName = role.RoleName,
            Arn = role.Arn,
            Path = role.Path,
            Description = role.Description,
            MaxSessionDuration = role.MaxSessionDuration,
            AssumeRolePolicyDocument = role.AssumeRolePolicyDocument,
            PermissionsBoundaryArn = string.IsNullOrEmpty(role.PermissionsBoundaryArn) ? null : role.PermissionsBoundaryArn,
            Tags = tags,
            InlinePolicies = inlinePolicies.ToDictionary(policy => policy.PolicyName, policy => policy.PolicyDocument, StringComparer.Ordinal),
            AttachedPolicyArns = attachedPolicies.Select(policy => policy.PolicyArn).Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}
