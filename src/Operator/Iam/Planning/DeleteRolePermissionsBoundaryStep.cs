using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

public sealed record DeleteRolePermissionsBoundaryStep(string RoleName, string Previous) : PlanStep(RoleName)
{
    public override string Action => "DeleteRolePermissionsBoundary";

    public override string Change => $"permissions boundary: {Previous} removed";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DeleteRolePermissionsBoundaryAsync(RoleName, cancellationToken);
    }
}
