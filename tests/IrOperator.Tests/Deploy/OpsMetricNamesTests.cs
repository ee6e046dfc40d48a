using System.Text.RegularExpressions;
using IrOperator.Aws.Telemetry;
using IrOperator.Controllers.Grants;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Every metric the alert rules and the Grafana dashboard query is one the operator really exports: the real
/// host is started, each instrument records once, /metrics is scraped, and the names in
/// deploy/helm/ir-operator/files are compared with the scraped families (docs/operations.md).
/// </summary>
public sealed partial class OpsMetricNamesTests : IAsyncLifetime
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();
    private OperatorHost _host = null!;
    private Task<RunOutcome> _run = null!;

    public async Task InitializeAsync()
    {
        var settings = new OperatorSettings { HealthAddress = "127.0.0.1", HealthPort = 0 };
        settings.LeaderElection.Enabled = false;
        _host = await OperatorHost.StartAsync(settings, _client, new ControllerRegistry(), TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        _run = _host.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        await _host.DisposeAsync();
        _stop.Dispose();
        _http.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Alerts_and_dashboard_query_only_metrics_the_operator_exports()
    {
        // A controller registers its work queue's gauges (depth, longest running) for as long as it lives.
        var kind = new ResourceKind("test.iroperator.io", "v1", "probes", "Probe", Namespaced: true);
        using var controller = new Controller<V1ConfigMap>(
            "ops-metric-names", new Informer<V1ConfigMap>(_client, kind, TimeProvider.System), new DoneReconciler(), TimeProvider.System);
        var families = await ScrapeFamiliesAsync();

        var alerts = MetricNames(OpsRepository.Read("deploy/helm/ir-operator/files/prometheus/alerts.yaml"));
        var dashboard = MetricNames(OpsRepository.Read("deploy/helm/ir-operator/files/grafana/ir-operator.json"));

        alerts.Should().NotBeEmpty();
        dashboard.Should().NotBeEmpty();
        alerts.Where(n => !Exported(n, families)).Should().BeEmpty("the alert rules must query metrics /metrics exports (scraped: {0})", string.Join(", ", families.Order()));
        dashboard.Where(n => !Exported(n, families)).Should().BeEmpty("the dashboard must query metrics /metrics exports (scraped: {0})", string.Join(", ", families.Order()));
    }

    [Fact]
    public void A_misspelt_metric_would_be_caught()
    {
        // The comparison itself can fail: a name that is not exported is reported.
        var families = new HashSet<string>(StringComparer.Ordinal) { "iroperator_grant_expiry_lag_seconds" };

        Exported("iroperator_grant_expiry_lag_seconds_bucket", families).Should().BeTrue();
        Exported("iroperator_grant_expiry_lag_second_bucket", families).Should().BeFalse();
        Exported("iroperator_grants", families).Should().BeFalse();
    }

    /// <summary>Records one measurement on every instrument, then scrapes until each has appeared.</summary>
    private async Task<HashSet<string>> ScrapeFamiliesAsync()
    {
        var grant = new BreakGlassGrant { Metadata = new() { Name = "g", NamespaceProperty = "ns" }, Status = new() { Phase = GrantPhase.Active } };
        GrantMetrics.Observe("ops-metric-names", () => [grant], TimeProvider.System);
        GrantMetrics.RecordActivation(TimeSpan.FromSeconds(1));
        GrantMetrics.RecordExpiryLag(TimeSpan.FromSeconds(1));
        AwsCallMetrics.Record("iam", "GetRole", "throttled", TimeSpan.FromMilliseconds(5));
        RuntimeMetrics.RecordReconcile("ops-metric-names", "done", TimeSpan.FromMilliseconds(1));
        RuntimeMetrics.RecordAdd("ops-metric-names");
        RuntimeMetrics.RecordRetry("ops-metric-names");

        var families = new HashSet<string>(StringComparer.Ordinal);
        await Eventually.HoldsAsync(
            async () =>
            {
                var text = await _http.GetStringAsync(new Uri(_host.HealthEndpoint, "/metrics"));
                families = [.. TypeLine().Matches(text).Select(m => m.Groups[1].Value)];
                return families.Contains("iroperator_leader") && families.Contains("iroperator_workqueue_depth") && families.Contains("iroperator_grants")
                    && families.Any(f => f.Contains("aws", StringComparison.Ordinal)) && families.Contains("iroperator_reconcile_total");
            },
            TimeSpan.FromSeconds(30));
        return families;
    }

    private static bool Exported(string name, HashSet<string> families) =>
        families.Contains(name)
        || HistogramSuffix().Match(name) is { Success: true } m && families.Contains(name[..m.Index]);

    private static HashSet<string> MetricNames(string text) => [.. MetricName().Matches(text).Select(m => m.Value)];

    private sealed class DoneReconciler : IReconciler<V1ConfigMap>
    {
        public Task<ReconcileResult> ReconcileAsync(V1ConfigMap resource, CancellationToken cancellationToken) => Task.FromResult(ReconcileResult.Done);
    }

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\b(iroperator|process)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
