using System.Text.Json.Nodes;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>
/// The operator's runtime (`iroperator run` with <c>--context iroperator</c>) with exactly the sandbox's
/// RBAC for its service account: it wins its lease in iroperator-system, watches grants in every
/// namespace, adds its finalizer, writes status and records events; a lease elsewhere is refused.
/// </summary>
public sealed class OperatorServiceAccountTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private const string Finalizer = "iroperator.io/sa-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly ResourceKind Grants = new("iroperator.io", "v1alpha1", "breakglassgrants", "BreakGlassGrant", Namespaced: true);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iroperator-sa-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_operator_runs_as_its_service_account_through_the_kubeconfig_context()
    {
        var settings = Settings("iroperator-system");
        using var client = KubeClientFactory.Create(settings, TimeProvider.System);
        using var alice = fixture.Emulator.CreateClient("alice");
        await alice.CustomObjects.CreateNamespacedCustomObjectAsync(Grant("sa-runs"), "iroperator.io", "v1alpha1", "incident-response", "breakglassgrants");
        var registry = new ControllerRegistry().Add(context => new Controller<BreakGlassGrant>(
            "grants", new Informer<BreakGlassGrant>(context.Client, Grants, context.Time, new InformerOptions(), context.Log), new SeeingReconciler(context), context.Time, context.ControllerOptions, context.Log));
        await using var host = await OperatorHost.StartAsync(settings, client, registry, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var run = host.RunAsync(stop.Token);

        await Eventually.HoldsAsync(async () => (await ReadGrantAsync("sa-runs"))["status"]?["phase"]?.GetValue<string>() == "Pending", Deadline);
        var grant = await ReadGrantAsync("sa-runs");
        grant["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain(Finalizer);
        await Eventually.HoldsAsync(async () => (await fixture.Admin.CoreV1.ListNamespacedEventAsync("incident-response")).Items.Any(e => e.Reason == "Seen" && e.InvolvedObject.Name == "sa-runs"), Deadline);
        (await fixture.Admin.CoordinationV1.ReadNamespacedLeaseAsync("iroperator-leader", "iroperator-system")).Spec.HolderIdentity.Should().Be("sa-test");
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_lease_outside_its_namespace_is_refused_so_it_never_leads()
    {
        var settings = Settings("default");
        using var client = KubeClientFactory.Create(settings, TimeProvider.System);

        var (code, status) = await KubeErrors.StatusOfAsync(() => client.CoordinationV1.ReadNamespacedLeaseAsync("iroperator-leader", "default"));

        code.Should().Be(403);
        status["message"]!.GetValue<string>().Should().Be(
            $"leases.coordination.k8s.io \"iroperator-leader\" is forbidden: User \"{SandboxUsers.OperatorUsername}\" cannot get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\"");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private OperatorSettings Settings(string leaseNamespace)
    {
        var settings = new OperatorSettings
        {
            Kubeconfig = fixture.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig")),
            Context = SandboxUsers.OperatorServiceAccount,
            HealthAddress = "127.0.0.1",
            HealthPort = 0,
            Qps = 0,
        };
        settings.LeaderElection.LeaseNamespace = leaseNamespace;
        // The chart's Role lets the operator read and renew only the Lease of this name (docs/install.md).
        settings.LeaderElection.LeaseName = "iroperator-leader";
        settings.LeaderElection.Identity = "sa-test";
        return settings;
    }

    private async Task<JsonObject> ReadGrantAsync(string name) =>
        await fixture.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("iroperator.io", "v1alpha1", "incident-response", "breakglassgrants", name);

    private static JsonObject Grant(string name) => JsonNode.Parse($$$"""
        {"apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant", "metadata": {"name": "{{{name}}}"},
         "spec": {"role": "forensic-investigator", "principalArn": "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*",
                  "requestedBy": "alice", "duration": "1h", "incident": "INC-1", "reason": "service account test"} }
        """)!.AsObject();

    /// <summary>What any grant controller does first: finalizer, status, event, each as the operator's service account.</summary>
    private sealed class SeeingReconciler(OperatorContext context) : IReconciler<BreakGlassGrant>
    {
        public async Task<ReconcileResult> ReconcileAsync(BreakGlassGrant resource, CancellationToken cancellationToken)
        {
            var withFinalizer = await context.Finalizers.EnsureAsync(Grants, resource, Finalizer, cancellationToken);
            await context.Status.UpdateAsync(Grants, withFinalizer, _ => new BreakGlassGrantStatus { Phase = GrantPhase.Pending }, cancellationToken);
            await context.Events.RecordAsync(withFinalizer, EventRecorder.Normal, "Seen", "seen by the operator", cancellationToken);
            return ReconcileResult.Done;
        }
    }
}
