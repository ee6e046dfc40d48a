namespace IrOperator.Sandbox.Scenario;

/// <summary>
/// Runs steps in order, each under its own deadline (real time), and stops at the first that fails, reporting
/// it by name: <c>FAILED at step 'activation': ...</c>. A step that runs out of time is cancelled and reported as
/// such, with what it last saw when it says so (a <see cref="ScenarioException"/> thrown on cancellation).
/// </summary>
public sealed class ScenarioRunner(ScenarioTimeline timeline)
{
    public async Task<ScenarioResult> RunAsync(IReadOnlyList<ScenarioStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            timeline.Step(step.Name, step.Title);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(step.Deadline);
            string? reason = null;
            try
            {
                await step.Run(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException)
            {
                throw;
            }
            catch (Exception e) when (deadline.IsCancellationRequested)
            {
                var seen = e is ScenarioException ? $" ({e.Message})" : "";
                reason = $"did not finish within {step.Deadline.TotalSeconds:0.#}s{seen}";
            }
            catch (ScenarioException e)
            {
                reason = e.Message;
            }
            catch (Exception e)
            {
                reason = $"{e.GetType().Name}: {e.Message}";
            }
            if (reason is not null)
            {
                timeline.Plain($"FAILED at step '{step.Name}': {reason}");
                return new ScenarioResult(step.Name, reason);
            }
        }
        return ScenarioResult.Passed;
    }
}
