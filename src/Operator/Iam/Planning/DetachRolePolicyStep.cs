using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

public sealed record DetachRolePolicyStep(string RoleName, string PolicyArn) : PlanStep(RoleName)
{
    public override string Action => "DetachRolePolicy";

    public override string Change => $"managed policy {PolicyArn}: detached";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DetachRolePolicyAsync(RoleName, PolicyArn, cancellationToken);
    }
}
