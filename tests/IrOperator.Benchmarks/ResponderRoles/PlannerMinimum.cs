using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// The fewest IAM calls the operator's own reader and planner need for one role in one account, the
/// yardstick of the call counts: a cold create is one read (GetRole answering NoSuchEntity) plus the
/// planner's writes for an absent role; a steady-state check is the reader's full read of a present role
/// (GetRole, ListRolePolicies, one GetRolePolicy per inline policy, ListAttachedRolePolicies) and no write.
/// </summary>
internal sealed record PlannerMinimum(int CreateReads, IReadOnlyList<string> CreateWrites, int SteadyReads)
{
    public int Create => CreateReads + CreateWrites.Count;

    public static PlannerMinimum For(int index)
    {
        var built = DesiredRoleBuilder.Build(BenchRoles.Object(index), RoleAccess.None, new DesiredRoleOptions { ClusterId = BenchRoles.ClusterId });
        if (!built.IsValid)
        {
            throw new InvalidOperationException($"The benchmark's role is invalid: {built.Message}");
        }
        var plan = RolePlanner.Plan(built.Role, observed: null, PlanContext.None);
        var inline = plan.Steps.Count(step => step is PutRolePolicyStep);
        return new PlannerMinimum(1, plan.Steps.Select(step => step.Action).ToList(), 3 + inline);
    }
}
