namespace IrOperator.Resources;

/// <summary>
/// The regular expressions of the CRD schemas, in one place so operator code can check the same thing.
/// Character classes are written out because <c>\w</c> and <c>\d</c> are ASCII in Go's RE2 (the API
/// server) but Unicode in .NET (our CEL engine and code). No repeat count over 1,000: RE2 refuses it, and the API
/// server would refuse the CRD ("must be a valid regular expression"); lengths are MaxLength's job.
/// </summary>
public static class ResourcePatterns
{
    /// <summary>IAM role and policy name characters (IAM's <c>[\w+=,.@-]</c>).</summary>
    public const string IamNameCharacters = "[A-Za-z0-9_+=,.@-]";

    /// <summary>IAM role name: 1-64 characters (iam service model, roleNameType).</summary>
    public const string IamRoleName = "^" + IamNameCharacters + "{1,64}$";

    /// <summary>IAM path: <c>/</c>, or printable ASCII between two slashes (pathType: <c>/|/[\u0021-\u007E]+/</c>).</summary>
    public const string IamPath = "^(/|/[\\x21-\\x7E]+/)$";

    /// <summary>IAM role description characters (roleDescriptionType).</summary>
    public const string IamRoleDescription = "^[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]*$";

    /// <summary>An inline policy name: 1-128 IAM name characters (policyNameType).</summary>
    public const string IamPolicyName = "^" + IamNameCharacters + "{1,128}$";

    /// <summary>A managed policy ARN, AWS-managed or customer-managed, in the three partitions.</summary>
    public const string ManagedPolicyArn = "^arn:aws(-us-gov|-cn)?:iam::(aws|[0-9]{12}):policy/[\\x21-\\x7E]+$";

    /// <summary>
    /// A permissions boundary: a managed policy ARN whose account may be the placeholder <c>{accountId}</c>, which the
    /// operator replaces with each account's id (docs/responder-roles.md, "Permissions boundary"). Only in the account
    /// field, and without <c>$</c>: <c>${...}</c> would read as an IAM policy variable or a CloudFormation
    /// <c>Fn::Sub</c> / shell / Terraform interpolation.
    /// </summary>
    public const string PermissionsBoundaryArn = "^arn:aws(-us-gov|-cn)?:iam::(aws|[0-9]{12}|\\{accountId\\}):policy/[\\x21-\\x7E]+$";

    /// <summary>An AWS account id: exactly 12 digits.</summary>
    public const string AccountId = "^[0-9]{12}$";

    /// <summary>An Organizations OU id (OrganizationalUnitId in the organizations service model).</summary>
    public const string OrganizationalUnitId = "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$";

    /// <summary>
    /// One IAM role or user ARN in one account, optionally with a path. No wildcards: <c>*</c> and <c>?</c>
    /// are not IAM name characters, so the ARN cannot widen an <c>ArnLike</c> condition.
    /// </summary>
    public const string PrincipalArn =
        "^arn:aws(-us-gov|-cn)?:iam::[0-9]{12}:(role|user)/(" + IamNameCharacters + "+/)*" + IamNameCharacters + "{1,64}$";

    /// <summary>
    /// An IAM Identity Center role of one permission set in one account, whose random suffix is a wildcard:
    /// Identity Center re-creates these roles with a new suffix, so trust names the permission set.
    /// <c>.../AWSReservedSSO_&lt;PermissionSet&gt;_*</c>, optionally with the region segment some accounts have.
    /// </summary>
    public const string IdentityCenterRoleArnPattern =
        "^arn:aws(-us-gov|-cn)?:iam::[0-9]{12}:role/aws-reserved/sso[.]amazonaws[.]com/([a-z0-9-]+/)?AWSReservedSSO_" + IamNameCharacters + "+_[*]$";

    /// <summary>
    /// An ARN pattern of IAM roles or users, as <c>breakGlass.allowedPrincipals</c> lists them: the partition,
    /// account and the part after <c>role/</c> or <c>user/</c> may use <c>*</c> and <c>?</c> (IAM's ArnLike wildcards).
    /// </summary>
    public const string PrincipalArnPattern =
        "^arn:(aws|aws-us-gov|aws-cn|[*]):iam::[0-9?*]{1,12}:(role|user)/[\\x21-\\x7E]*$";

    /// <summary>Durations as Go writes them, restricted to whole hours, minutes and seconds: <c>1h</c>, <c>90m</c>, <c>2h30m</c>.</summary>
    public const string Duration = "^([0-9]{1,5}h)?([0-9]{1,5}m)?([0-9]{1,5}s)?$";

    /// <summary>A Kubernetes object name (DNS-1123 subdomain), as a grant names its role.</summary>
    public const string ObjectName = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
}
