namespace IrOperator.Aws.Iam;

/// <summary>An IAM role as GetRole/CreateRole/ListRoles return it; <see cref="AssumeRolePolicyDocument"/> is URL-decoded JSON.</summary>
public sealed record IamRole(
    string RoleName,
    string RoleId,
    string Arn,
    string Path,
    DateTimeOffset CreateDate,
    string AssumeRolePolicyDocument,
    string? Description,
    int MaxSessionDuration,
    string? PermissionsBoundaryArn,
    IReadOnlyList<IamTag> Tags);
