using System.Globalization;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>The side-by-side table of a run, then how time and memory grow from the small organization to the large one.</summary>
internal static class BenchReport
{
    public static void Print(IReadOnlyList<ScenarioResult> results, PlannerMinimum minimum, BenchSettings settings)
    {
        var rows = new List<(string Figure, Func<ScenarioResult, string> Value, string Goal)>
        {
            ("role-accounts", r => $"{r.Scenario.RoleAccounts}", ""),
            ("wall time to all Ready", r => F($"{r.WallTime.TotalSeconds:F1} s"), ""),
            ("  of which before the first IAM call", r => F($"{r.FirstIamCallAfter.TotalSeconds:F1} s"), ""),
            ("role-accounts Ready per second", r => F($"{r.Scenario.RoleAccounts / r.WallTime.TotalSeconds:F1}"), ""),
            ("create: IAM calls per role-account", r => F($"{PerRoleAccount(r, r.Create.Iam):F3} (min {minimum.Create})"), ""),
            ("create: STS calls per role-account", r => F($"{PerRoleAccount(r, r.Create.Sts):F3} (min {1.0 / r.Scenario.Roles:F3})"), ""),
            ("create: IAM+STS vs planner minimum", r => F($"{Ratio(r, r.Create, minimum):F3}"), "1.0"),
            ("settle: IAM reads per role-account", r => F($"{PerRoleAccount(r, r.Settle.IamReads):F3} ({PerRoleAccount(r, r.Settle.GetRoles):F2} full reads)"), "0"),
            ("create+settle: IAM+STS vs minimum", r => F($"{Ratio(r, Sum(r.Create, r.Settle), minimum):F3}"), "1.0"),
            ("Organizations calls (total)", r => $"{r.Create.Organizations + r.Settle.Organizations}", ""),
            ("AWS errors (create+settle)", r => $"{r.Create.Errors + r.Settle.Errors}", "0"),
            ("IAM writes after Ready (settle)", r => $"{r.Settle.IamWrites}", "0"),
            ("resync: IAM writes", r => $"{r.Resync.IamWrites}", "0"),
            ("resync: IAM reads per role-account", r => F($"{PerRoleAccount(r, r.Resync.IamReads):F3} (min {minimum.SteadyReads})"), ""),
            ("resync: STS calls", r => $"{r.Resync.Sts}", ""),
            ("resync: pass duration", r => F($"{r.ResyncPassTime.TotalSeconds:F1} s"), ""),
            ("CreateRole/s per account (mean, min)", r => r.MeanAccountCreateRate is { } mean ? F($"{mean:F2}, {r.MinAccountCreateRate:F2}") : "n/a", F($"{settings.RateLimit} (limit)")),
            ("GetRole/s per account while creating", r => r.MeanAccountGetRoleRate is { } mean ? F($"{mean:F2}") : "n/a", F($"{settings.RateLimit} (limit)")),
            ("  CreateRole mean vs the limit", r => r.MeanAccountCreateRate is { } mean ? F($"{mean / settings.RateLimit:F3}") : "n/a", "0.9-1.0"),
            ("operator peak working set", r => F($"{r.PeakWorkingSet / 1048576.0:F1} MB"), ""),
            ("operator managed heap at exit", r => F($"{r.ManagedHeap / 1048576.0:F1} MB"), ""),
            ("operator log lines (Warning+)", r => F($"{r.OperatorLogLines} (+{r.NoSuchEntityLogLines} GetRole NoSuchEntity)"), "0"),
        };
        var width = rows.Max(row => row.Figure.Length) + 2;
        var columns = results.Select(r => Math.Max(r.Scenario.Name.Length, rows.Max(row => row.Value(r).Length)) + 2).ToList();
        Console.WriteLine();
        Console.WriteLine("| figure".PadRight(width + 2) + " | " + string.Join(" | ", results.Select((r, i) => r.Scenario.Name.PadRight(columns[i]))) + " | goal |");
        Console.WriteLine("|" + new string('-', width + 2) + "|" + string.Join("|", columns.Select(c => new string('-', c + 2))) + "|------|");
        foreach (var (figure, value, goal) in rows)
        {
            Console.WriteLine("| " + figure.PadRight(width) + " | " + string.Join(" | ", results.Select((r, i) => value(r).PadRight(columns[i]))) + $" | {goal} |");
        }
        if (results.Count >= 3)
        {
            // Growth with the organization: the same single role over 20x (by default) the accounts.
            var small = results[1];
            var large = results[2];
            var accounts = (double)large.Scenario.Accounts / small.Scenario.Accounts;
            Console.WriteLine();
            Console.WriteLine(F($"growth from {small.Scenario.Accounts} to {large.Scenario.Accounts} accounts (x{accounts:F0}), one role: wall time x{large.WallTime / small.WallTime:F2}, resync pass x{large.ResyncPassTime / small.ResyncPassTime:F2}, peak working set x{(double)large.PeakWorkingSet / small.PeakWorkingSet:F2} (+{(large.PeakWorkingSet - small.PeakWorkingSet) / 1048576.0:F1} MB), managed heap x{(double)large.ManagedHeap / small.ManagedHeap:F2}"));
            var busy = results[0];
            Console.WriteLine(F($"{busy.Scenario.Name} ({busy.Scenario.RoleAccounts} role-accounts) vs 1 role x {large.Scenario.Accounts} accounts ({large.Scenario.RoleAccounts}): wall time x{busy.WallTime / large.WallTime:F2}, peak working set x{(double)busy.PeakWorkingSet / large.PeakWorkingSet:F2}"));
        }
    }

    /// <summary>IAM and STS calls made over the planner's minimum for the same work (the minimum counts one AssumeRole per account).</summary>
    private static double Ratio(ScenarioResult r, Counts counts, PlannerMinimum minimum) =>
        (counts.Iam + counts.Sts) / (((double)minimum.Create * r.Scenario.RoleAccounts) + r.Scenario.Accounts);

    private static double PerRoleAccount(ScenarioResult r, int count) => (double)count / r.Scenario.RoleAccounts;

    private static Counts Sum(Counts a, Counts b) =>
        new(a.IamReads + b.IamReads, a.IamWrites + b.IamWrites, a.GetRoles + b.GetRoles, a.Sts + b.Sts, a.Organizations + b.Organizations, a.Errors + b.Errors);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
