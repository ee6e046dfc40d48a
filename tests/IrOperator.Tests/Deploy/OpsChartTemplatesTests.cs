using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The operations kit's chart templates rendered by the real Helm: the PrometheusRule carries exactly the groups
/// of files/prometheus/alerts.yaml (one source of truth), minus disabled alerts and plus extra alert labels; the
/// dashboard ConfigMap carries the JSON file and the sidecar's label; neither is rendered by default.
/// </summary>
public sealed class OpsChartTemplatesTests
{
    private const string Chart = "deploy/helm/ir-operator";
    private readonly string _chart = Helm.Chart;

    [Fact]
    public async Task PrometheusRule_carries_the_rule_file_groups()
    {
        var rendered = await RenderAsync("templates/prometheusrule.yaml", "--set", "prometheusRule.enabled=true");

        rendered["kind"]!.GetValue<string>().Should().Be("PrometheusRule");
        var expected = Yaml(OpsRepository.Read($"{Chart}/files/prometheus/alerts.yaml"))["groups"];
        JsonNode.DeepEquals(rendered["spec"]!["groups"], expected).Should().BeTrue(
            "the PrometheusRule must hold alerts.yaml unchanged:\n{0}\n---\n{1}", rendered["spec"]!["groups"], expected);
    }

    [Fact]
    public async Task PrometheusRule_leaves_out_disabled_alerts_and_adds_alert_labels()
    {
        var rendered = await RenderAsync(
            "templates/prometheusrule.yaml",
            "--set", "prometheusRule.enabled=true",
            "--set", "prometheusRule.disabledAlerts={IrOperatorAbsent,IrOperatorGrantFailed}",
            "--set", "prometheusRule.alertLabels.team=security",
            "--set", "prometheusRule.alertLabels.severity=page",
            "--set", "prometheusRule.labels.release=kube-prometheus-stack");

        rendered["metadata"]!["labels"]!["release"]!.GetValue<string>().Should().Be("kube-prometheus-stack");
        var rules = rendered["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();
        rules.Select(r => r!["alert"]!.GetValue<string>()).Should().HaveCount(7).And.NotContain(["IrOperatorAbsent", "IrOperatorGrantFailed"]);
        rules.Should().OnlyContain(r => r!["labels"]!["team"]!.GetValue<string>() == "security");
        rules.Single(r => r!["alert"]!.GetValue<string>() == "IrOperatorNoLeader")!["labels"]!["severity"]!.GetValue<string>()
            .Should().Be("critical", "the rule file's own labels win");
    }

    [Fact]
    public async Task Dashboard_ConfigMap_carries_the_json_and_the_sidecar_label()
    {
        var rendered = await RenderAsync(
            "templates/grafana-dashboard.yaml",
            "--set", "grafanaDashboard.enabled=true",
            "--set", "grafanaDashboard.annotations.grafana_folder=Security");

        rendered["kind"]!.GetValue<string>().Should().Be("ConfigMap");
        rendered["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>().Should().Be("1");
        rendered["metadata"]!["annotations"]!["grafana_folder"]!.GetValue<string>().Should().Be("Security");
        var json = JsonNode.Parse(rendered["data"]!["ir-operator.json"]!.GetValue<string>());
        JsonNode.DeepEquals(json, JsonNode.Parse(OpsRepository.Read($"{Chart}/files/grafana/ir-operator.json"))).Should().BeTrue();
    }

    [Fact]
    public async Task Neither_is_rendered_by_default()
    {
        var (exitCode, output) = await OpsTool.RunAsync(OpsChart.Helm, ["template", "r", _chart, "-n", "ir"]);

        exitCode.Should().Be(0, output);
        output.Should().NotContain("kind: PrometheusRule").And.NotContain("grafana_dashboard");
    }

    private async Task<JsonNode> RenderAsync(string template, params string[] sets)
    {
        var (exitCode, output) = await OpsTool.RunAsync(OpsChart.Helm, ["template", "r", _chart, "-n", "ir", "--show-only", template, .. sets]);
        exitCode.Should().Be(0, output);
        return Yaml(output);
    }

    private static JsonNode Yaml(string text)
    {
        var value = new DeserializerBuilder().Build().Deserialize<object>(text);
        // YamlDotNet yields strings for every scalar; JSON round-trip through a serializer that keeps them so.
        return JsonNode.Parse(JsonSerializer.Serialize(value))!;
    }
}
