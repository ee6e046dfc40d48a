namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>The global condition keys the emulator fills in (names are case-insensitive in IAM).</summary>
public static class ContextKeys
{
    public const string CurrentTime = "aws:CurrentTime";
    public const string EpochTime = "aws:EpochTime";
    public const string PrincipalArn = "aws:PrincipalArn";
    public const string PrincipalAccount = "aws:PrincipalAccount";
    public const string PrincipalType = "aws:PrincipalType";
    public const string UserId = "aws:userid";
    public const string Username = "aws:username";
    public const string SourceIdentity = "aws:SourceIdentity";
    public const string TokenIssueTime = "aws:TokenIssueTime";
    public const string MultiFactorAuthPresent = "aws:MultiFactorAuthPresent";
    public const string RequestedRegion = "aws:RequestedRegion";

    /// <summary>The source identity an AssumeRole call asks for (not the caller's own session's).</summary>
    public const string StsSourceIdentity = "sts:SourceIdentity";

    /// <summary>The role session name an AssumeRole call asks for.</summary>
    public const string StsRoleSessionName = "sts:RoleSessionName";
}
