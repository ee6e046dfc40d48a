using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.Runtime;

/// <summary>Two replicas, one Lease: only the leader reconciles, a lost lease stops it, the other takes over.</summary>
public sealed class LeaderFailoverTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private int _leading;
    private int _maxLeading;

    [Fact]
    public async Task Lost_lease_stops_the_leader_and_the_second_replica_takes_over_without_overlap()
    {
        var ns = await kube.NewNamespaceAsync("leader");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var seenBy = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var options = new LeaderElectionOptions
        {
            LeaseName = $"lease-{ns}",
            LeaseNamespace = "default",
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(1.5),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        // No request retries for the lease: a replica that cannot renew must notice within RenewDeadline.
        using var clientA = kube.NewClient(maxRetries: 0);
        using var clientB = kube.NewClient(maxRetries: 0);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var electionA = new LeaderElection(clientA, options with { Identity = "replica-a" }, Serilog.Core.Logger.None);
        var electionB = new LeaderElection(clientB, options with { Identity = "replica-b" }, Serilog.Core.Logger.None);

        var runA = electionA.RunAsync(ct => LeadAsync("replica-a", ns, seenBy, ct), stopA.Token);
        await Eventually.HoldsAsync(() => seenBy.GetValueOrDefault("replica-a") == 1, Deadline);
        var runB = electionB.RunAsync(ct => LeadAsync("replica-b", ns, seenBy, ct), stopB.Token);
        await Eventually.HoldsAsync(() => !runB.IsCompleted && electionB.IsLeader == false, Deadline);

        try
        {
            // The API server refuses Lease requests: the leader cannot renew and must stand down.
            kube.Emulator.Faults.Applies = (_, resource) => resource == "leases";
            kube.Emulator.Faults.ErrorRate = 1;
            await runA.WaitAsync(Deadline);
            electionA.IsLeader.Should().BeFalse();
        }
        finally
        {
            kube.Emulator.Faults.Clear();
        }

        await Eventually.HoldsAsync(() => electionB.IsLeader, Deadline);
        await kube.PatchAsync(ns, "w", """{"spec":{"value":2}}""");
        await Eventually.HoldsAsync(() => seenBy.GetValueOrDefault("replica-b") == 2, Deadline);
        Volatile.Read(ref _maxLeading).Should().Be(1, "the two replicas never reconciled at the same time");

        await stopB.CancelAsync();
        await runB.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_leader_shutting_down_releases_the_lease_so_the_next_takes_over_before_it_expires()
    {
        var ns = await kube.NewNamespaceAsync("release");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var seenBy = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var options = new LeaderElectionOptions
        {
            LeaseName = $"lease-{ns}",
            LeaseNamespace = "default",
            LeaseDuration = TimeSpan.FromSeconds(60),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        using var clientA = kube.NewClient(maxRetries: 0);
        using var clientB = kube.NewClient(maxRetries: 0);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var electionA = new LeaderElection(clientA, options with { Identity = "replica-a" }, Serilog.Core.Logger.None);
        var electionB = new LeaderElection(clientB, options with { Identity = "replica-b" }, Serilog.Core.Logger.None);
        var runA = electionA.RunAsync(ct => LeadAsync("replica-a", ns, seenBy, ct), stopA.Token);
        await Eventually.HoldsAsync(() => seenBy.GetValueOrDefault("replica-a") == 1, Deadline);
        var runB = electionB.RunAsync(ct => LeadAsync("replica-b", ns, seenBy, ct), stopB.Token);

        await stopA.CancelAsync();
        await runA.WaitAsync(Deadline);

        // Far less than the 60 s lease: only a released lease can be taken this fast.
        await Eventually.HoldsAsync(() => seenBy.GetValueOrDefault("replica-b") == 1, TimeSpan.FromSeconds(15));
        Volatile.Read(ref _maxLeading).Should().Be(1);
        await stopB.CancelAsync();
        await runB.WaitAsync(Deadline);
    }

    private async Task LeadAsync(string identity, string ns, System.Collections.Concurrent.ConcurrentDictionary<string, int> seenBy, CancellationToken cancellationToken)
    {
        var leading = Interlocked.Increment(ref _leading);
        InterlockedMax(ref _maxLeading, leading);
        try
        {
            var reconciler = new RecordingReconciler((widget, _) =>
            {
                seenBy[identity] = widget.Spec.Value;
                return Task.FromResult(ReconcileResult.Done);
            });
            using var controller = new Controller<Widget>($"leader-{identity}", kube.NewInformer(ns), reconciler, TimeProvider.System, null, Serilog.Core.Logger.None);
            await controller.RunAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _leading);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
