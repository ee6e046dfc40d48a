namespace IrOperator.Cli.Plan;

/// <summary>The counts both outputs end with.</summary>
public sealed record PlanSummary(int Roles, int AccountsToChange, int Calls, int AccountsInSync, int Errors)
{
    public static PlanSummary Of(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var accounts = report.Roles.SelectMany(role => role.Accounts).ToList();
        return new PlanSummary(
            report.Roles.Count,
            accounts.Count(account => account.HasChanges),
            accounts.Sum(account => account.Plan?.Steps.Count ?? 0),
            accounts.Count(account => account.Plan is { IsEmpty: true } && account.Error is null),
            report.Errors.Count);
    }

    public override string ToString() => Errors > 0
        ? $"Invalid: {Errors} error{(Errors == 1 ? "" : "s")}; fix them first (exit code 1)."
        : AccountsToChange == 0
            ? $"No changes: {AccountsInSync} (role, account) pair{(AccountsInSync == 1 ? "" : "s")} in line with the manifests."
            : $"Plan: {Calls} IAM call{(Calls == 1 ? "" : "s")} in {AccountsToChange} (role, account) pair{(AccountsToChange == 1 ? "" : "s")}; {AccountsInSync} in line.";
}
