using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The chart's alert rules with the real promtool (Debian's prometheus package, installed by .ci/install-tools):
/// the rule file checks, and its unit tests (alerts.test.yaml: each alert fires and does not fire) pass.
/// </summary>
public sealed class OpsAlertRulesTests
{
    private const string Folder = "deploy/helm/ir-operator/files/prometheus";

    [Fact]
    public async Task Rule_file_passes_promtool_check_rules()
    {
        var (exitCode, output) = await OpsTool.RunAsync("promtool", ["check", "rules", "alerts.yaml"], OpsRepository.PathOf(Folder));

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS: 9 rules found");
    }

    [Fact]
    public async Task Rule_unit_tests_pass_with_promtool_test_rules()
    {
        var (exitCode, output) = await OpsTool.RunAsync("promtool", ["test", "rules", "alerts.test.yaml"], OpsRepository.PathOf(Folder));

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public void Every_alert_has_a_firing_and_a_quiet_case()
    {
        var rules = OpsRepository.Read($"{Folder}/alerts.yaml");
        var tests = OpsRepository.Read($"{Folder}/alerts.test.yaml");
        var alerts = Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value).ToList();

        alerts.Should().HaveCount(9);
        foreach (var alert in alerts)
        {
            var cases = Regex.Matches(tests, $@"alertname: {alert}\s+exp_alerts:(\s*\[\])?").ToList();
            cases.Should().Contain(m => m.Groups[1].Success, $"{alert} needs a case where it does not fire");
            cases.Should().Contain(m => !m.Groups[1].Success, $"{alert} needs a case where it fires");
        }
    }

    [Fact]
    public async Task A_broken_rule_fails_its_unit_test()
    {
        // The wiring can fail: the same tests against a rule file whose NoLeader threshold is wrong report FAILED.
        var dir = Directory.CreateTempSubdirectory("ops-alerts-");
        try
        {
            File.Copy(OpsRepository.PathOf($"{Folder}/alerts.test.yaml"), Path.Combine(dir.FullName, "alerts.test.yaml"));
            File.WriteAllText(
                Path.Combine(dir.FullName, "alerts.yaml"),
                OpsRepository.Read($"{Folder}/alerts.yaml").Replace("(iroperator_leader) < 1", "(iroperator_leader) < 0", StringComparison.Ordinal));

            var (exitCode, output) = await OpsTool.RunAsync("promtool", ["test", "rules", "alerts.test.yaml"], dir.FullName);

            exitCode.Should().NotBe(0);
            output.Should().Contain("IrOperatorNoLeader");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
