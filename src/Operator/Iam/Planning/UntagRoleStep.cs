using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

public sealed record UntagRoleStep(string RoleName, IReadOnlyList<string> TagKeys) : PlanStep(RoleName)
{
    /// <summary>The values IAM showed for these keys, for the propagation memory.</summary>
    public IReadOnlyDictionary<string, string> Previous { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override string Action => "UntagRole";

    public override string Change => "tags removed: " + string.Join(", ", TagKeys);

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.UntagRoleAsync(RoleName, TagKeys.ToList(), cancellationToken);
    }
}
