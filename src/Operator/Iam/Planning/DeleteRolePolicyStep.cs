using IrOperator.Aws.Iam;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

public sealed record DeleteRolePolicyStep(string RoleName, string PolicyName, PolicyDocument? Previous) : PlanStep(RoleName)
{
    public override string Action => "DeleteRolePolicy";

    public override string Change => $"inline policy {PolicyName}: removed";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DeleteRolePolicyAsync(RoleName, PolicyName, cancellationToken);
    }
}
