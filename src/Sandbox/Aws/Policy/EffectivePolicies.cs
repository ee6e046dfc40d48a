namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// The policies that together decide what a caller may do: its identity policies, the permissions
/// boundary of its user or role (null when there is none), and the session policies passed when
/// its session was created (null when none were passed: an empty list would deny everything).
/// </summary>
public sealed record EffectivePolicies(
    IReadOnlyList<PolicyDocument> Identity,
    PolicyDocument? PermissionsBoundary = null,
    IReadOnlyList<PolicyDocument>? SessionPolicies = null)
{
    public static EffectivePolicies None { get; } = new([]);
}
