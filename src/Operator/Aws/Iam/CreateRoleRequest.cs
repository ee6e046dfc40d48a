namespace IrOperator.Aws.Iam;

public sealed record CreateRoleRequest(string RoleName, string AssumeRolePolicyDocument)
{
    public string Path { get; init; } = "/";

    public string? Description { get; init; }

    /// <summary>Seconds, 3600..43200; IAM's default (3600) when null.</summary>
    public int? MaxSessionDuration { get; init; }

    public string? PermissionsBoundary { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = [];
}
