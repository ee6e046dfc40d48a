namespace IrOperator.Controllers.Grants;

/// <summary>
/// The role ARN and the exact AWS CLI command a responder runs to use a grant in one account. The session name
/// is the source identity (same character set, 2-64 characters), so CloudTrail shows the human twice.
/// </summary>
public static class AssumeRoleCommand
{
    /// <summary><c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role&lt;path&gt;&lt;name&gt;</c> (the path starts and ends with '/').</summary>
    public static string RoleArn(string partition, string accountId, string path, string roleName) =>
        $"arn:{partition}:iam::{accountId}:role{(string.IsNullOrEmpty(path) ? "/" : path)}{roleName}";

    public static string For(string roleArn, string sourceIdentity) =>
        $"aws sts assume-role --role-arn {roleArn} --role-session-name {sourceIdentity} --source-identity {sourceIdentity}";
}
