namespace IrOperator.Sandbox.Scenario;

/// <summary>How a scenario ended: passed, or the step that failed and why.</summary>
public sealed record ScenarioResult(string? FailedStep, string? Reason)
{
    public static ScenarioResult Passed { get; } = new(null, null);

    public bool Succeeded => FailedStep is null;

    /// <summary>The sandbox's exit code: 0 passed, 1 a step failed (2 is a bad command line, see Program).</summary>
    public int ExitCode => Succeeded ? 0 : 1;
}
