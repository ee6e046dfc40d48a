using System.Net;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Runtime;

/// <summary>/healthz, /readyz and /metrics of the real host over loopback (no controllers, no election).</summary>
public sealed class OperatorHostEndpointTests : IAsyncLifetime
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
    private readonly HttpClient _http = new();
    private OperatorHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new OperatorSettings { HealthAddress = "127.0.0.1", HealthPort = 0 };
        settings.LeaderElection.Enabled = false;
        _host = await OperatorHost.StartAsync(settings, _client, new ControllerRegistry(), TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _http.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Health_answers_at_once_and_readiness_once_the_runtime_runs_with_nothing_registered()
    {
        (await _http.GetAsync(new Uri(_host.HealthEndpoint, "/healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _http.GetAsync(new Uri(_host.HealthEndpoint, "/readyz"))).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the runtime is not running yet");
        using var stop = new CancellationTokenSource();

        var run = _host.RunAsync(stop.Token);

        await Eventually.HoldsAsync(async () => (await _http.GetAsync(new Uri(_host.HealthEndpoint, "/readyz"))).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(RunOutcome.Stopped);
    }

    [Fact]
    public async Task Metrics_expose_reconcile_and_queue_instruments_in_prometheus_text()
    {
        var kind = new ResourceKind("test.iroperator.io", "v1", "probes", "Probe", Namespaced: true);
        using var controller = new Controller<V1ConfigMap>(
            "metrics-probe", new Informer<V1ConfigMap>(_client, kind, TimeProvider.System), new DoneReconciler(), TimeProvider.System);
        controller.Cache.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", ResourceVersion = "1" } });
        controller.Enqueue(new ObjectKey("ns", "p"));
        await controller.ProcessAsync(new ObjectKey("ns", "p"), CancellationToken.None);

        var text = await WaitForMetricsAsync("iroperator_reconcile_total");

        text.Should().MatchRegex("iroperator_reconcile_total\\{[^}]*controller=\"metrics-probe\"[^}]*\\} 1");
        text.Should().Contain("iroperator_reconcile_duration_seconds_bucket");
        text.Should().MatchRegex("iroperator_workqueue_adds_total\\{[^}]*controller=\"metrics-probe\"");
        text.Should().MatchRegex("iroperator_workqueue_depth\\{[^}]*controller=\"metrics-probe\"[^}]*\\} 1");
        text.Should().Contain("iroperator_workqueue_longest_running_seconds");
    }

    private async Task<string> WaitForMetricsAsync(string name)
    {
        // The meter adapter publishes on its own collection cycle: poll with a deadline.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        var text = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            text = await _http.GetStringAsync(new Uri(_host.HealthEndpoint, "/metrics"));
            if (text.Contains(name, StringComparison.Ordinal) && text.Contains("metrics-probe", StringComparison.Ordinal))
            {
                return text;
            }
            await Task.Delay(100);
        }
        return text;
    }

    private sealed class DoneReconciler : IReconciler<V1ConfigMap>
    {
        public Task<ReconcileResult> ReconcileAsync(V1ConfigMap resource, CancellationToken cancellationToken) => Task.FromResult(ReconcileResult.Done);
    }
}
