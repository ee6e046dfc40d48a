using System.Text.Json.Nodes;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The Grafana dashboard's structure: what Grafana needs to import it anywhere (a uid, unique panel ids, every
/// query on the dashboard's data-source variable, a refId per query, panels inside the 24-column grid), and a
/// namespace variable fed by a metric the operator exports (names are checked by OpsMetricNamesTests).
/// </summary>
public sealed class OpsDashboardTests
{
    private static readonly JsonNode Dashboard = JsonNode.Parse(OpsRepository.Read("deploy/helm/ir-operator/files/grafana/ir-operator.json"))!;

    [Fact]
    public void Dashboard_is_importable_anywhere()
    {
        Dashboard["uid"]!.GetValue<string>().Should().Be("iroperator");
        var panels = Dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        panels.Select(p => p["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        panels.Should().OnlyContain(p => p["gridPos"]!["x"]!.GetValue<int>() + p["gridPos"]!["w"]!.GetValue<int>() <= 24);

        var queries = panels.Where(p => p["type"]!.GetValue<string>() != "row").ToList();
        queries.Should().NotBeEmpty();
        foreach (var panel in queries)
        {
            var title = panel["title"]!.GetValue<string>();
            panel["datasource"]!["uid"]!.GetValue<string>().Should().Be("${datasource}", title);
            var targets = panel["targets"]!.AsArray();
            targets.Should().NotBeEmpty(title);
            targets.Select(t => t!["refId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems(title);
            targets.Should().OnlyContain(t => t!["expr"]!.GetValue<string>().Contains("namespace=~\"$namespace\"", StringComparison.Ordinal), title);
        }
    }

    [Fact]
    public void Namespace_variable_comes_from_the_leader_gauge()
    {
        var variables = Dashboard["templating"]!["list"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!);

        variables["datasource"]["query"]!.GetValue<string>().Should().Be("prometheus");
        variables["namespace"]["definition"]!.GetValue<string>().Should().Be("label_values(iroperator_leader, namespace)");
    }
}
