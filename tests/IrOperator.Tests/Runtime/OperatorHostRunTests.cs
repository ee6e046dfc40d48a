using System.Net;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;

namespace IrOperator.Tests.Runtime;

/// <summary>The whole `iroperator run` host against the emulator: election, registered controller, readiness.</summary>
public sealed class OperatorHostRunTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Host_wins_the_lease_runs_registered_controllers_and_turns_ready()
    {
        var ns = await kube.NewNamespaceAsync("host");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 5));
        var reconciler = new RecordingReconciler();
        var registry = new ControllerRegistry().Add(context =>
            new Controller<Widget>("widgets", kube.NewInformer(ns, context.Time, context.Client), reconciler, context.Time, context.ControllerOptions, context.Log));
        var settings = new OperatorSettings { HealthAddress = "127.0.0.1", HealthPort = 0 };
        settings.LeaderElection.LeaseNamespace = "default";
        settings.LeaderElection.LeaseName = $"host-{ns}";
        settings.LeaderElection.Identity = "host-test";
        await using var host = await OperatorHost.StartAsync(settings, kube.Client, registry, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        using var http = new HttpClient();
        using var stop = new CancellationTokenSource();

        var run = host.RunAsync(stop.Token);

        await Eventually.HoldsAsync(() => reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, "w")) == 5, Deadline);
        host.Runtime.IsLeader.Should().BeTrue();
        (await http.GetAsync(new Uri(host.HealthEndpoint, "/readyz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var lease = await kube.Client.CoordinationV1.ReadNamespacedLeaseAsync($"host-{ns}", "default");
        lease.Spec.HolderIdentity.Should().Be("host-test");

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        host.Runtime.Controllers.Should().BeEmpty("controllers stop with the host");
    }
}
