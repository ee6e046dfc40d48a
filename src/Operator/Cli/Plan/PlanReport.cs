namespace IrOperator.Cli.Plan;

/// <summary>Everything <c>iroperator plan</c> found; printed as text or JSON (docs/gitops.md, "JSON output").</summary>
public sealed record PlanReport(
    string Mode,
    IReadOnlyList<PlanProblem> Errors,
    IReadOnlyList<PlanProblem> Notes,
    IReadOnlyList<RolePlanReport> Roles,
    IReadOnlyList<GrantCheck> Grants)
{
    public bool Valid => Errors.Count == 0;

    public bool HasChanges => Roles.Any(role => role.HasChanges);

    /// <summary>0 no changes (or changes without <paramref name="detailedExitCode"/>), 1 invalid input or a failed read, 2 changes present.</summary>
    public int ExitCode(bool detailedExitCode) => !Valid ? 1 : detailedExitCode && HasChanges ? 2 : 0;
}
