using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.Runtime;

/// <summary>Deleted objects reach the reconciler's DeletedAsync with their last known state (a tombstone).</summary>
public sealed class DeletionTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_deleted_object_reaches_the_reconciler_once_with_its_last_state()
    {
        var ns = await kube.NewNamespaceAsync("tombstone");
        var reconciler = new RecordingReconciler();
        await kube.CreateAsync(WidgetCrd.New(ns, "doomed", 1));
        await using var run = await StartAsync(ns, reconciler);
        await kube.PatchAsync(ns, "doomed", """{"metadata":{"labels":{"role":"admin"}},"spec":{"value":5}}""");
        await Eventually.HoldsAsync(() => reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, "doomed")) == 5, Deadline);

        await kube.DeleteAsync(ns, "doomed");

        // The tombstone is dropped just after DeletedAsync answers Done: wait for both.
        await Eventually.HoldsAsync(() => !reconciler.Deleted.IsEmpty && run.Controller.PendingTombstones == 0, Deadline);
        var tombstone = reconciler.Deleted.Single();
        tombstone.Spec.Value.Should().Be(5);
        tombstone.Metadata.Labels.Should().Contain("role", "admin", "a controller maps the deleted object to related ones from its last state");
        reconciler.MaxPerKey.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_deletion_is_retried_with_the_same_tombstone_before_the_new_object_of_that_name()
    {
        var ns = await kube.NewNamespaceAsync("tombstone-retry");
        var attempts = 0;
        var reconciler = new RecordingReconciler
        {
            DeletedBody = (_, _) => Task.FromResult(Interlocked.Increment(ref attempts) < 3 ? ReconcileResult.Retry(new IOException("AWS unavailable")) : ReconcileResult.Done),
        };
        var first = await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        await using var run = await StartAsync(ns, reconciler);
        await Eventually.HoldsAsync(() => reconciler.Total == 1, Deadline);

        await kube.DeleteAsync(ns, "w");
        var second = await kube.CreateAsync(WidgetCrd.New(ns, "w", 2));

        await Eventually.HoldsAsync(() => reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, "w")) == 2, Deadline);
        attempts.Should().Be(3);
        reconciler.Deleted.Should().ContainSingle().Which.Metadata.Uid.Should().Be(first.Metadata.Uid);
        second.Metadata.Uid.Should().NotBe(first.Metadata.Uid);
        run.Controller.PendingTombstones.Should().Be(0);
    }

    [Fact]
    public async Task Objects_deleted_or_replaced_while_the_informer_was_away_arrive_as_tombstones_after_the_relist()
    {
        var ns = await kube.NewNamespaceAsync("tombstone-relist");
        var reconciler = new RecordingReconciler();
        var gone = await kube.CreateAsync(WidgetCrd.New(ns, "gone", 3));
        var replaced = await kube.CreateAsync(WidgetCrd.New(ns, "replaced", 4));
        await kube.CreateAsync(WidgetCrd.New(ns, "kept", 1));
        await using var run = await StartAsync(ns, reconciler);
        await Eventually.HoldsAsync(() => reconciler.Total == 3, Deadline);
        var faults = kube.Emulator.Faults;
        try
        {
            // The watch goes down and stays down; meanwhile history is forgotten, so only a relist can tell.
            faults.WatchErrorStatusCode = 500;
            faults.DropOpenWatches();
            faults.HistoryLimit = 0;
            await kube.DeleteAsync(ns, "gone");
            await kube.DeleteAsync(ns, "replaced");
            await kube.CreateAsync(WidgetCrd.New(ns, "replaced", 40));
            var opened = faults.WatchesOpened;
            faults.WatchErrorStatusCode = null;
            await Eventually.HoldsAsync(() => reconciler.Deleted.Count == 2 && reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, "replaced")) == 40, Deadline);
            faults.WatchesOpened.Should().BeGreaterThan(opened);
        }
        finally
        {
            faults.Clear();
        }

        reconciler.Deleted.Select(t => (t.Metadata.Name, t.Metadata.Uid, t.Spec.Value)).Should().BeEquivalentTo(
            [("gone", gone.Metadata.Uid, 3), ("replaced", replaced.Metadata.Uid, 4)]);
        run.Informer.Lists.Should().BeGreaterThan(1);
    }

    private async Task<Running> StartAsync(string ns, RecordingReconciler reconciler)
    {
        var informer = new Informer<Widget>(kube.Client, WidgetCrd.Kind, TimeProvider.System,
            new InformerOptions { Namespace = ns, MaxRetryDelay = TimeSpan.FromMilliseconds(200) }, Serilog.Core.Logger.None);
        var controller = new Controller<Widget>($"deletion-{ns}", informer, reconciler, TimeProvider.System,
            new ControllerOptions { BackoffBase = TimeSpan.FromMilliseconds(10), BackoffCap = TimeSpan.FromMilliseconds(100) }, Serilog.Core.Logger.None);
        var running = new Running(controller, informer);
        await informer.Synced.WaitAsync(Deadline);
        return running;
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Running(Controller<Widget> controller, Informer<Widget> informer)
        {
            Controller = controller;
            Informer = informer;
            _run = controller.RunAsync(_stop.Token);
        }

        public Controller<Widget> Controller { get; }

        public Informer<Widget> Informer { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            Controller.Dispose();
            _stop.Dispose();
        }
    }
}
