namespace IrOperator.Cli.Plan;

/// <summary>The command line of one `iroperator plan`.</summary>
internal sealed record PlanRequest(string[] Files, string[]? Base, string? AccountsFile, bool Live, bool Json, bool DetailedExitCode);
