using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>DeleteRole; the plan detaches and deletes every policy first (IAM refuses DeleteConflict otherwise).</summary>
public sealed record DeleteRoleStep(string RoleName) : PlanStep(RoleName)
{
    public override string Action => "DeleteRole";

    public override string Change => "role deleted";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DeleteRoleAsync(RoleName, cancellationToken);
    }
}
