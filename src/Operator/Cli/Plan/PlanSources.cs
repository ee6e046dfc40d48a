using IrOperator.Aws.Inventory;
using IrOperator.Iam.Planning;

namespace IrOperator.Cli.Plan;

/// <summary>
/// Where a plan gets the world from (docs/gitops.md, "Modes"). <see cref="Organization"/>: the organization's
/// accounts (from <c>--accounts</c> or AWS Organizations), or null when neither is given (then only
/// <c>spec.accounts.ids</c> can be resolved, taken as active accounts). <see cref="Observe"/>: the IAM role as it
/// is in an account (live: read from IAM), or null for none.
/// </summary>
public sealed record PlanSources(
    string Mode,
    Func<CancellationToken, Task<OrganizationSnapshot>>? Organization,
    Func<string, string, CancellationToken, Task<ObservedRole?>> Observe)
{
    /// <summary>Offline without a base: every role is planned against "does not exist".</summary>
    public static Func<string, string, CancellationToken, Task<ObservedRole?>> Nothing { get; } = (_, _, _) => Task.FromResult<ObservedRole?>(null);
}
