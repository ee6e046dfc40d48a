using IrOperator.Aws.Iam;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>Writes one inline policy whole. <see cref="Previous"/> is what IAM showed (null: absent or unreadable).</summary>
public sealed record PutRolePolicyStep(string RoleName, string PolicyName, PolicyDocument Document, PolicyDocument? Previous, string Difference) : PlanStep(RoleName)
{
    public override string Action => "PutRolePolicy";

    public override string Change => $"inline policy {PolicyName}: {Difference}";

    public override string Render() => $"{Action}: {Change}\n    {Document.ToJson()}";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PutRolePolicyAsync(RoleName, PolicyName, Document.ToJson(), cancellationToken);
    }
}
