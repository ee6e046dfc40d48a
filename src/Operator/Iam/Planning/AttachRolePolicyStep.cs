using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

public sealed record AttachRolePolicyStep(string RoleName, string PolicyArn) : PlanStep(RoleName)
{
    public override string Action => "AttachRolePolicy";

    public override string Change => $"managed policy {PolicyArn}: attached";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.AttachRolePolicyAsync(RoleName, PolicyArn, cancellationToken);
    }
}
