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
    public const string PrincipalOrgId = "aws:PrincipalOrgID";
    public const string PrincipalIsAwsService = "aws:PrincipalIsAWSService";

    /// <summary>The keys of the tags in the request (TagRole, CreateRole, AssumeRole's session tags).</summary>
    public const string TagKeys = "aws:TagKeys";

    /// <summary>Followed by a tag key: the tags of the calling user or role, and a session's tags.</summary>
    public const string PrincipalTagPrefix = "aws:PrincipalTag/";

    /// <summary>Followed by a tag key: the tags in the request.</summary>
    public const string RequestTagPrefix = "aws:RequestTag/";

    /// <summary>Followed by a tag key: the tags of the resource acted on (a role).</summary>
    public const string ResourceTagPrefix = "aws:ResourceTag/";

    /// <summary>The permissions boundary a CreateRole or PutRolePermissionsBoundary call sets.</summary>
    public const string IamPermissionsBoundary = "iam:PermissionsBoundary";

    /// <summary>Followed by a tag key: IAM's own spelling of the tags of the role acted on.</summary>
    public const string IamResourceTagPrefix = "iam:ResourceTag/";

    /// <summary>The external id an AssumeRole call passes.</summary>
    public const string StsExternalId = "sts:ExternalId";

    /// <summary>The transitive tag keys an AssumeRole call passes.</summary>
    public const string StsTransitiveTagKeys = "sts:TransitiveTagKeys";

    /// <summary>The source identity an AssumeRole call asks for (not the caller's own session's).</summary>
    public const string StsSourceIdentity = "sts:SourceIdentity";

    /// <summary>The role session name an AssumeRole call asks for.</summary>
    public const string StsRoleSessionName = "sts:RoleSessionName";
}
