using IrOperator.Aws.Iam;

namespace IrOperator.Iam.Planning;

/// <summary>UpdateRole for the description and/or maximum session duration; null leaves a field as it is. An empty description clears it.</summary>
public sealed record UpdateRoleStep(string RoleName, string? Description, int? MaxSessionDuration) : PlanStep(RoleName)
{
    /// <summary>The description IAM showed (empty: none), for the propagation memory.</summary>
    public string? PreviousDescription { get; init; }

    /// <summary>The maximum session duration IAM showed, for the propagation memory.</summary>
    public int? PreviousMaxSessionDuration { get; init; }

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
