using IrOperator.Aws.Iam;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>Writes the whole trust policy. <see cref="Previous"/> is what IAM showed (null: unreadable), kept for the propagation memory.</summary>
public sealed record UpdateAssumeRolePolicyStep(string RoleName, PolicyDocument Document, PolicyDocument? Previous, string Difference) : PlanStep(RoleName)
{
    public override string Action => "UpdateAssumeRolePolicy";

    public override string Change => "trust policy: " + Difference;

    public override string Render() => $"{Action}: {Change}\n    {Document.ToJson()}";

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.UpdateAssumeRolePolicyAsync(RoleName, Document.ToJson(), cancellationToken);
    }
}
