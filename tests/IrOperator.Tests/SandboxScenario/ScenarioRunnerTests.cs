using IrOperator.Sandbox.Scenario;

namespace IrOperator.Tests.SandboxScenario;

/// <summary>The scenario's step runner: steps in order, the first failure reported by the step's name, each step under its deadline.</summary>
public sealed class ScenarioRunnerTests
{
    private readonly StringWriter _output = new();
    private readonly List<string> _ran = [];

    private ScenarioRunner Runner => new(new ScenarioTimeline(_output, TimeProvider.System));

    private ScenarioStep Step(string name, Func<CancellationToken, Task>? run = null, TimeSpan? deadline = null) =>
        new(name, $"shows {name}", deadline ?? TimeSpan.FromSeconds(10), async ct =>
        {
            _ran.Add(name);
            await (run?.Invoke(ct) ?? Task.CompletedTask);
        });

    [Fact]
    public async Task Every_step_runs_in_order_and_the_scenario_passes()
    {
        var result = await Runner.RunAsync([Step("request"), Step("approval"), Step("expiry")], CancellationToken.None);

        result.Should().Be(ScenarioResult.Passed);
        result.ExitCode.Should().Be(0);
        _ran.Should().Equal("request", "approval", "expiry");
        _output.ToString().Should().MatchRegex(@"\+\s+\d+\.\ds  step   request: shows request");
    }

    [Fact]
    public async Task A_failing_step_is_reported_by_name_and_the_rest_do_not_run()
    {
        var result = await Runner.RunAsync(
            [Step("request"), Step("activation", _ => throw new ScenarioException("phase Approved; accounts [333333333333 Written]")), Step("expiry")],
            CancellationToken.None);

        result.FailedStep.Should().Be("activation");
        result.Reason.Should().Be("phase Approved; accounts [333333333333 Written]");
        result.ExitCode.Should().Be(1);
        _ran.Should().Equal("request", "activation");
        _output.ToString().Should().Contain("FAILED at step 'activation': phase Approved; accounts [333333333333 Written]");
    }

    [Fact]
    public async Task A_step_past_its_deadline_is_cancelled_and_reported_with_what_it_last_saw()
    {
        var result = await Runner.RunAsync(
            [Step("activation", async ct =>
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    throw new ScenarioException("expected phase Active; last seen: phase Approved");
                }
            }, TimeSpan.FromMilliseconds(200))],
            CancellationToken.None);

        result.FailedStep.Should().Be("activation");
        result.Reason.Should().Be("did not finish within 0.2s (expected phase Active; last seen: phase Approved)");
    }

    [Fact]
    public async Task A_step_that_ignores_its_deadline_but_throws_on_cancellation_is_reported_as_late()
    {
        var result = await Runner.RunAsync([Step("expiry", ct => Task.Delay(Timeout.InfiniteTimeSpan, ct), TimeSpan.FromMilliseconds(100))], CancellationToken.None);

        result.FailedStep.Should().Be("expiry");
        result.Reason.Should().StartWith("did not finish within");
    }

    [Fact]
    public async Task An_unexpected_error_is_reported_with_its_type()
    {
        var result = await Runner.RunAsync([Step("assume-role", _ => throw new InvalidOperationException("no endpoint"))], CancellationToken.None);

        result.FailedStep.Should().Be("assume-role");
        result.Reason.Should().Be("InvalidOperationException: no endpoint");
    }

    [Fact]
    public async Task Stopping_the_sandbox_stops_the_scenario_rather_than_failing_a_step()
    {
        using var stop = new CancellationTokenSource();
        var run = Runner.RunAsync([Step("expiry", async ct =>
        {
            await stop.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        })], stop.Token);

        await run.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
    }
}
