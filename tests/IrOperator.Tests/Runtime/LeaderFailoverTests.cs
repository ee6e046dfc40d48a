using System.Collections.Concurrent;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;

namespace IrOperator.Tests.Runtime;

/// <summary>Two replicas, one Lease: only the leader reconciles, a lost lease stops it, the other takes over.</summary>
public sealed class LeaderFailoverTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, int> _seenBy = new();
    private int _leading;
    private int _maxLeading;

    [Fact]
    public async Task Lost_lease_stops_the_leader_and_the_second_replica_takes_over_without_overlap()
    {
        var ns = await kube.NewNamespaceAsync("leader");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var options = Options(ns, leaseDuration: TimeSpan.FromSeconds(3), renewDeadline: TimeSpan.FromSeconds(1.5));
        await using var a = StartReplica("replica-a", options, ns);
        await Eventually.HoldsAsync(() => _seenBy.GetValueOrDefault("replica-a") == 1, Deadline);
        await using var b = StartReplica("replica-b", options, ns);
        b.Election.IsLeader.Should().BeFalse("replica-a holds the lease");

        try
        {
            // The API server refuses Lease requests: the leader cannot renew and must stand down.
            kube.Emulator.Faults.Applies = (_, resource) => resource == "leases";
            kube.Emulator.Faults.ErrorRate = 1;
            await a.Run.WaitAsync(Deadline);
            a.Election.IsLeader.Should().BeFalse();
        }
        finally
        {
            kube.Emulator.Faults.Clear();
        }

        await Eventually.HoldsAsync(() => b.Election.IsLeader, Deadline);
        await kube.PatchAsync(ns, "w", """{"spec":{"value":2}}""");
        await Eventually.HoldsAsync(() => _seenBy.GetValueOrDefault("replica-b") == 2, Deadline);
        Volatile.Read(ref _maxLeading).Should().Be(1, "the two replicas never reconciled at the same time");
    }

    [Fact]
    public async Task A_leader_shutting_down_releases_the_lease_so_the_next_takes_over_before_it_expires()
    {
        var ns = await kube.NewNamespaceAsync("release");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var options = Options(ns, leaseDuration: TimeSpan.FromSeconds(60), renewDeadline: TimeSpan.FromSeconds(2));
        await using var a = StartReplica("replica-a", options, ns);
        await Eventually.HoldsAsync(() => _seenBy.GetValueOrDefault("replica-a") == 1, Deadline);
        await using var b = StartReplica("replica-b", options, ns);

        await a.Stop.CancelAsync();
        await a.Run.WaitAsync(Deadline);

        // Far less than the 60 s lease: only a released lease can be taken this fast.
        await Eventually.HoldsAsync(() => _seenBy.GetValueOrDefault("replica-b") == 1, TimeSpan.FromSeconds(15));
        Volatile.Read(ref _maxLeading).Should().Be(1);
    }

    [Fact]
    public async Task Shutdown_keeps_renewing_while_the_work_drains_then_releases()
    {
        var ns = await kube.NewNamespaceAsync("drain");
        var options = Options(ns, leaseDuration: TimeSpan.FromSeconds(3), renewDeadline: TimeSpan.FromSeconds(1.5)) with { Identity = "drainer" };
        using var client = kube.NewClient(maxRetries: 0);
        var election = new LeaderElection(client, options, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Work that notices cancellation but keeps going until told: a reconcile ignoring its token.
        var run = election.RunAsync(async ct => { ct.Register(() => cancelled.TrySetResult()); await release.Task; }, TimeSpan.FromSeconds(30), stop.Token);
        await Eventually.HoldsAsync(() => election.IsLeader, Deadline);

        await stop.CancelAsync();
        await cancelled.Task.WaitAsync(Deadline);
        var before = (await ReadLeaseAsync(options)).Spec.RenewTime;
        // Longer than the lease: had renewal stopped with the shutdown, the Lease would now be expired.
        await Eventually.HoldsAsync(async () => (await ReadLeaseAsync(options)).Spec.RenewTime > before!.Value.AddSeconds(3.5), Deadline);
        run.IsCompleted.Should().BeFalse("the work has not ended");
        (await ReadLeaseAsync(options)).Spec.HolderIdentity.Should().Be("drainer");

        release.SetResult();

        (await run.WaitAsync(Deadline)).Should().Be(LeadershipEnd.Released);
        (await ReadLeaseAsync(options)).Spec.HolderIdentity.Should().BeEmpty("the lease was handed back after the drain");
    }

    [Fact]
    public async Task Work_outliving_the_drain_timeout_keeps_the_lease_unreleased()
    {
        var ns = await kube.NewNamespaceAsync("undrained");
        var options = Options(ns, leaseDuration: TimeSpan.FromSeconds(3), renewDeadline: TimeSpan.FromSeconds(1.5)) with { Identity = "stuck" };
        using var client = kube.NewClient(maxRetries: 0);
        var election = new LeaderElection(client, options, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        var run = election.RunAsync(_ => never.Task, TimeSpan.FromMilliseconds(500), stop.Token);
        await Eventually.HoldsAsync(() => election.IsLeader, Deadline);

        await stop.CancelAsync();

        (await run.WaitAsync(Deadline)).Should().Be(LeadershipEnd.DrainTimedOut);
        (await ReadLeaseAsync(options)).Spec.HolderIdentity.Should().Be("stuck", "a lease is released only once the work has ended");
        never.SetResult();
    }

    private Task<k8s.Models.V1Lease> ReadLeaseAsync(LeaderElectionOptions options) =>
        kube.Client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace);

    private static LeaderElectionOptions Options(string ns, TimeSpan leaseDuration, TimeSpan renewDeadline) => new()
    {
        LeaseName = $"lease-{ns}",
        LeaseNamespace = "default",
        LeaseDuration = leaseDuration,
        RenewDeadline = renewDeadline,
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };

    private Replica StartReplica(string identity, LeaderElectionOptions options, string ns)
    {
        // No request retries for the lease: a replica that cannot renew must notice within RenewDeadline.
        var client = kube.NewClient(maxRetries: 0);
        var election = new LeaderElection(client, options with { Identity = identity }, Serilog.Core.Logger.None);
        var stop = new CancellationTokenSource();
        return new Replica(client, election, stop, election.RunAsync(ct => LeadAsync(identity, ns, ct), TimeSpan.FromSeconds(10), stop.Token));
    }

    private async Task LeadAsync(string identity, string ns, CancellationToken cancellationToken)
    {
        var leading = Interlocked.Increment(ref _leading);
        InterlockedMax(ref _maxLeading, leading);
        try
        {
            var reconciler = new RecordingReconciler((widget, _) =>
            {
                _seenBy[identity] = widget.Spec.Value;
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

    /// <summary>One operator replica: its client, its election and the run that ends when it stops leading.</summary>
    private sealed record Replica(IKubernetes Client, LeaderElection Election, CancellationTokenSource Stop, Task Run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run.WaitAsync(Deadline);
            Stop.Dispose();
            Client.Dispose();
        }
    }
}
