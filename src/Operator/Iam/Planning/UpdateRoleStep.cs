using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>UpdateRole for the description and/or maximum session duration; null leaves a field as it is. An empty description clears it.</summary>
public sealed record UpdateRoleStep(string RoleName, string? Description, int? MaxSessionDuration) : PlanStep(RoleName)
{
    public override string Action => "UpdateRole";

    public override string Change => string.Join(", ", new[]
    {
        Description is null ? null : Description.Length == 0 ? "description: cleared" : "description: changed",
        MaxSessionDuration is { } seconds ? $"max session duration: {seconds}s" : null,
    }.Where(part => part is not null));

    public override Task ApplyAsync(IIamClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.UpdateRoleAsync(RoleName, Description, MaxSessionDuration, cancellationToken);
    }
}
