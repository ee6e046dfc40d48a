using System.Text.RegularExpressions;

namespace IrOperator.Tests.SandboxScenario;

/// <summary>
/// `sandbox --scenario` as a user runs it (the built program in a child process): the whole story, told step by
/// step, exit 0; the same with the API server failing 5% of requests and AWS throttling 10%; a bad --faults
/// refused with exit code 2. Each run has its own state folder and free ports.
/// </summary>
public sealed class SandboxScenarioTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static readonly string[] StepNames =
    [
        "roles-ready", "request", "refused-before-approval", "status-forbidden", "self-approval", "approval", "activation",
        "assume-role", "no-source-identity", "use-session", "expiry", "session-refused", "assume-role-refused", "cleanup",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-scenario-").FullName;

    [Fact]
    public async Task The_scenario_tells_one_grant_from_request_to_expiry_and_exits_0()
    {
        var (exit, output, errors, took) = await SandboxProcess.RunAsync(Deadline, "--scenario", "--state-dir", _dir);

        exit.Should().Be(0, $"the scenario passes; it printed:\n{output}\n{errors}");
        StepsInOrder(output).Should().Equal(StepNames);
        output.Should().Contain("Faults: none.");
        output.Should().Contain("the API server sees context alice as user alice in groups ir-responders");
        output.Should().Contain("-> 403 Forbidden", "alice may not write status");
        output.Should().Contain("alice: the API server refused her own approval: 403", "the sandbox installs the chart's approval admission policy");
        output.Should().Contain("approvals: bob (alice's own was refused at admission)");
        output.Should().MatchRegex(@"event  Normal Activated: open in 2 accounts until");
        output.Should().MatchRegex(@"admin-prod: iam:GetRole ir-forensic-investigator -> trust policy statements IrGrant[0-9a-f]+\n", "the operator opened the role for the grant alone");
        output.Should().Contain("admin-dev: iam:GetRole ir-forensic-investigator -> trust policy statements IrGrant");
        output.Should().Contain("-> arn:aws:sts::333333333333:assumed-role/ir-forensic-investigator/alice");
        output.Should().Contain("-> arn:aws:sts::444444444444:assumed-role/ir-forensic-investigator/alice");
        output.Should().Contain("(no --source-identity) -> AccessDenied");
        output.Should().Contain("alice's session: iam:GetRole ir-forensic-investigator -> arn:aws:iam::333333333333:role/incident-response/ir-forensic-investigator");
        output.Should().MatchRegex(@"clock  skipped \d+\.\ds ahead");
        output.Should().Contain("event  Normal Expired: access ended at");
        output.Should().Contain("alice's session: iam:GetRole ir-forensic-investigator -> AccessDenied").And.Contain("with an explicit deny");
        output.Should().Contain("admin-prod: iam:GetRole ir-forensic-investigator -> trust policy statements IrDormant\n", "the grant's statement is gone");
        output.Should().Contain("PASSED: every step as expected");
        took.Should().BeLessThan(TimeSpan.FromSeconds(60), "the scenario takes under a minute");
    }

    [Fact]
    public async Task The_scenario_passes_with_a_flaky_api_server_and_a_throttling_aws()
    {
        var (exit, output, errors, _) = await SandboxProcess.RunAsync(Deadline, "--scenario", "--state-dir", _dir, "--faults", "kube.error-rate=0.05,aws.throttle-rate=0.1");

        exit.Should().Be(0, $"the operator rides the faults out; it printed:\n{output}\n{errors}");
        output.Should().Contain("Faults: Kubernetes: 5% errors (500); AWS: 10% throttling.");
        StepsInOrder(output).Should().Equal(StepNames);
        output.Should().Contain("PASSED: every step as expected");
    }

    [Fact]
    public async Task A_bad_fault_spec_is_refused_with_exit_code_2_naming_the_key()
    {
        var (exit, output, errors, _) = await SandboxProcess.RunAsync(Deadline, "--scenario", "--state-dir", _dir, "--faults", "kube.error-rate=0.05,aws.throtle-rate=0.1");

        exit.Should().Be(2);
        errors.Should().Contain("sandbox: --faults: unknown key 'aws.throtle-rate'; known keys: kube.error-rate");
        output.Should().NotContain("Sandbox up", "nothing starts on a bad command line");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> StepsInOrder(string output) =>
        [.. Regex.Matches(output, @"^\+\s*\d+\.\ds  step   ([a-z-]+):", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];
}
