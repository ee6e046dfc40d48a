namespace IrOperator.Iam.Desired;

/// <summary>The grant-driven part of a role's desired state in one account: trust statements and end-of-access denies.</summary>
public sealed record RoleAccess(IReadOnlyList<GrantTrust> Grants, IReadOnlyList<EndOfAccess> Ends)
{
    public static RoleAccess None { get; } = new([], []);
}
