namespace IrOperator.Sandbox.Aws.Iam;

/// <summary>
/// IAM quotas the emulator enforces, with AWS's defaults
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). The adjustable
/// ones (roles per account, trust policy size, managed policies per role) can be raised, as
/// Service Quotas allows, so tests can show both sides of a limit.
/// </summary>
public sealed record IamLimits
{
    public int RolesPerAccount { get; init; } = 1000;

    /// <summary>Characters of a trust policy, white space aside (2,048 default, up to 8,192 on request).</summary>
    public int TrustPolicySize { get; init; } = 2048;

    /// <summary>Characters of all inline policies of one role together, white space aside (not adjustable).</summary>
    public int InlinePoliciesSizePerRole { get; init; } = 10240;

    public int ManagedPoliciesPerRole { get; init; } = 10;

    public int TagsPerRole { get; init; } = 50;

    /// <summary>Customer managed policies in one account (1,500 default, up to 5,000 on request).</summary>
    public int CustomerManagedPoliciesPerAccount { get; init; } = 1500;

    /// <summary>Versions one managed policy keeps (not adjustable).</summary>
    public int VersionsPerPolicy { get; init; } = 5;

    /// <summary>Characters of one managed policy version, white space aside (not adjustable).</summary>
    public int ManagedPolicySize { get; init; } = 6144;
}
