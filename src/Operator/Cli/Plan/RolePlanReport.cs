using IrOperator.Aws.Inventory;

namespace IrOperator.Cli.Plan;

/// <summary>
/// One ResponderRole's plan: where it came from, the IAM role it manages, and the plan per account. A role
/// only in the base manifests (<see cref="Removed"/>) is planned for deletion per its deletionPolicy.
/// </summary>
public sealed record RolePlanReport(
    string File,
    int Document,
    string Name,
    string RoleName,
    string Path,
    IReadOnlyList<AccountPlan> Accounts,
    IReadOnlyList<SkippedAccount> Skipped,
    bool Removed = false)
{
    public bool HasChanges => Accounts.Any(account => account.HasChanges);
}
