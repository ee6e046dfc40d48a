using IrOperator.Iam.Planning;

namespace IrOperator.Cli.Plan;

/// <summary>The plan of one role in one account, or why there is none (<see cref="Error"/>: e.g. IAM could not be read).</summary>
public sealed record AccountPlan(string AccountId, RolePlan? Plan, string? Error = null)
{
    public bool HasChanges => Plan is { IsEmpty: false };
}
