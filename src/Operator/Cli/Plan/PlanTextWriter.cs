using System.Text;

namespace IrOperator.Cli.Plan;

/// <summary>
/// The plan for people (a terminal, a pull-request comment): per role and account the IAM calls in the order
/// the operator makes them, each document change as a unified diff of indented JSON, then grants, errors,
/// notes and a one-line summary. See docs/gitops.md for an example.
/// </summary>
public static class PlanTextWriter
{
    public static string Write(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var role in report.Roles)
        {
            text.Append("ResponderRole ").Append(role.Name).Append(role.Removed ? " (removed)" : "")
                .Append(": IAM role ").Append(role.Path).Append(role.RoleName)
                .Append("  [").Append(role.File).Append(", document ").Append(role.Document).Append("]\n");
            if (role.Accounts.Count == 0 && role.Skipped.Count == 0)
            {
                text.Append("  selects no account\n");
            }

            foreach (var account in role.Accounts)
            {
                WriteAccount(text, account);
            }

            foreach (var skipped in role.Skipped)
            {
                text.Append("  account ").Append(skipped.Id).Append(": skipped, ").Append(skipped.Reason).Append('\n');
            }

            text.Append('\n');
        }

        foreach (var grant in report.Grants)
        {
            text.Append("BreakGlassGrant ").Append(grant.Namespace is null ? "" : grant.Namespace + "/").Append(grant.Name)
                .Append(" (role ").Append(grant.Role).Append("): ").Append(grant.Outcome).Append(", ").Append(grant.Message)
                .Append("  [").Append(grant.File).Append(", document ").Append(grant.Document).Append("]\n");
        }

        if (report.Grants.Count > 0)
        {
            text.Append('\n');
        }

        Section(text, "Errors", report.Errors);
        Section(text, "Notes", report.Notes);
        text.Append(PlanSummary.Of(report)).Append('\n');
        return text.ToString();
    }

    private static void WriteAccount(StringBuilder text, AccountPlan account)
    {
        text.Append("  account ").Append(account.AccountId).Append(": ");
        if (account.Plan is not { } plan)
        {
            text.Append("error, ").Append(account.Error).Append('\n');
            return;
        }

        text.Append(plan.Outcome);
        if (plan.Message is not null)
        {
            text.Append(" (").Append(plan.Message).Append(')');
        }

        text.Append(plan.IsEmpty ? ", no change\n" : $", {plan.Steps.Count} IAM call{(plan.Steps.Count == 1 ? "" : "s")}\n");
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            text.Append("    ").Append(i + 1).Append(". ").Append(step.Render().Split('\n')[0]).Append('\n');
            if (StepDocuments.Of(step)?.Diff() is { Length: > 0 } diff)
            {
                foreach (var line in diff.TrimEnd('\n').Split('\n'))
                {
                    text.Append("       ").Append(line).Append('\n');
                }
            }
        }
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<PlanProblem> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        text.Append(title).Append(":\n");
        foreach (var problem in problems)
        {
            text.Append("  ").Append(problem).Append('\n');
        }

        text.Append('\n');
    }
}
