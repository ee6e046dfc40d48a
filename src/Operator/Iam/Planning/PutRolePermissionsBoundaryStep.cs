using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

public sealed record PutRolePermissionsBoundaryStep(string RoleName, string PermissionsBoundaryArn, string? Previous) : PlanStep(RoleName)
{
    public override string Action => "PutRolePermissionsBoundary";

    public override string Change => Previous is null
        ? $"permissions boundary: set to {PermissionsBoundaryArn}"
        : $"permissions boundary: {Previous} -> {PermissionsBoundaryArn}";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PutRolePermissionsBoundaryAsync(RoleName, PermissionsBoundaryArn, cancellationToken);
    }
}
