using System.Globalization;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// What <c>sandbox --scenario</c> prints around the story: a header (where things are, which faults are on),
/// the timeline, and a one-line verdict; the exit code is the scenario's (0 passed, 1 a step failed).
/// </summary>
public static class ScenarioCommand
{
    public static async Task<int> RunAsync(SandboxHost host, SandboxClock clock, FaultSpec faults, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(faults);
        var timeline = new ScenarioTimeline(output, clock);
        timeline.Plain($"Sandbox up: Kubernetes {host.Kube.BaseUri}, AWS {host.Aws.Emulator.Endpoint}, state in {host.StateDir}; operator running, {host.ExamplesApplied} example objects applied.");
        timeline.Plain($"Faults: {faults.Describe()}.");
        timeline.Plain("Scenario: one break-glass grant from request to expiry. Times are on the sandbox clock, shared by the operator, Kubernetes and AWS.");
        timeline.Plain("");
        ScenarioResult result;
        try
        {
            result = await GrantScenario.RunAsync(host, clock, timeline, faults, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            timeline.Plain("Stopped.");
            return 1;
        }
        timeline.Plain("");
        var took = string.Create(CultureInfo.InvariantCulture, $"{timeline.RealElapsed.TotalSeconds:0.0}s");
        var skipped = clock.Offset > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" (the sandbox clock skipped {clock.Offset.TotalSeconds:0.0}s of the grant's {GrantScenario.Duration})") : "";
        timeline.Plain(result.Succeeded
            ? $"PASSED: every step as expected, in {took}{skipped}."
            : $"Scenario failed at step '{result.FailedStep}' after {took}: {result.Reason}");
        timeline.Plain("To try it by hand: dotnet run --project src/Sandbox, then docs/walkthrough.md.");
        return result.ExitCode;
    }
}
