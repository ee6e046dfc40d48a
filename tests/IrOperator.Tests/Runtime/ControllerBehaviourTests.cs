using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

/// <summary>The controller loop against the emulator: serialization per key, backoff, requeue-after, change detection.</summary>
public sealed class ControllerBehaviourTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_key_is_never_reconciled_on_two_workers_at_once()
    {
        var ns = await kube.NewNamespaceAsync("serial");
        var names = new[] { "a", "b", "c" };
        await Task.WhenAll(names.Select(n => kube.CreateAsync(WidgetCrd.New(ns, n, 0))));
        // Simulated work keeps each reconcile open long enough for updates to pile up on the same key.
        var reconciler = new RecordingReconciler(async (_, ct) =>
        {
            await Task.Delay(15, ct);
            return ReconcileResult.Done;
        });
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, TimeProvider.System, workers: 6);

        for (var value = 1; value <= 15; value++)
        {
            var v = value;
            await Task.WhenAll(names.Select(n => kube.PatchAsync(ns, n, $$$"""{"spec":{"value":{{{v}}}}}""")));
        }

        await Eventually.HoldsAsync(() => names.All(n => reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, n)) == 15), Deadline);
        reconciler.MaxPerKey.Should().Be(1);
        reconciler.MaxOverall.Should().BeGreaterThan(1, "different keys do run in parallel");
    }

    [Fact]
    public async Task Failures_back_off_exponentially_on_the_controlled_clock_until_success()
    {
        var ns = await kube.NewNamespaceAsync("backoff");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var attempts = 0;
        var reconciler = new RecordingReconciler((_, _) => Task.FromResult(
            Interlocked.Increment(ref attempts) <= 3 ? ReconcileResult.Retry(new InvalidOperationException("AWS throttled")) : ReconcileResult.Done))
        { Time = time };
        await kube.CreateAsync(WidgetCrd.New(ns, "flaky", 1));
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, time, workers: 1, backoffBase: TimeSpan.FromSeconds(10));
        var key = new ObjectKey(ns, "flaky");

        var delays = new List<TimeSpan>();
        for (var failure = 1; failure <= 3; failure++)
        {
            await Eventually.HoldsAsync(() => run.Controller.Queue.ScheduledAt(key) is not null, Deadline);
            var delay = run.Controller.Queue.ScheduledAt(key)!.Value - time.GetUtcNow();
            delays.Add(delay);
            time.Advance(delay - TimeSpan.FromMilliseconds(1));
            // The fake clock fires due timers synchronously inside Advance: a retry still scheduled here
            // has not been released to the workers.
            run.Controller.Queue.ScheduledAt(key).Should().NotBeNull("the retry is not due yet");
            attempts.Should().Be(failure, "the retry is not due yet");
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.HoldsAsync(() => Volatile.Read(ref attempts) == failure + 1, Deadline);
        }

        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        delays[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        delays[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(40));
        await Eventually.HoldsAsync(() => reconciler.Total == 4, Deadline);
        run.Controller.Queue.ScheduledCount.Should().Be(0, "success schedules nothing");
    }

    [Fact]
    public async Task Requeue_after_fires_when_the_controlled_clock_reaches_it()
    {
        var ns = await kube.NewNamespaceAsync("requeue");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reconciler = new RecordingReconciler((_, _) => Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)))) { Time = time };
        await kube.CreateAsync(WidgetCrd.New(ns, "expiring", 1));
        var started = time.GetUtcNow();
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, time, workers: 2);
        var key = new ObjectKey(ns, "expiring");
        await Eventually.HoldsAsync(() => run.Controller.Queue.ScheduledAt(key) is not null, Deadline);
        run.Controller.Queue.ScheduledAt(key).Should().Be(started + TimeSpan.FromMinutes(10));

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        run.Controller.Queue.ScheduledAt(key).Should().NotBeNull("the requeue is not due yet");
        run.Controller.Queue.Depth.Should().Be(0);
        reconciler.Total.Should().Be(1);
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(() => reconciler.Total == 2, Deadline);
        reconciler.Calls.Last().At.Should().Be(started + TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Resync_reconciles_every_cached_object_again_within_the_jittered_period_on_the_clock()
    {
        var ns = await kube.NewNamespaceAsync("resync");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reconciler = new RecordingReconciler { Time = time };
        var names = new[] { "a", "b", "c" };
        await Task.WhenAll(names.Select(n => kube.CreateAsync(WidgetCrd.New(ns, n, 1))));
        var started = time.GetUtcNow();
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, time, workers: 2, resync: TimeSpan.FromMinutes(10));
        await Eventually.HoldsAsync(() => reconciler.Total == 3, Deadline);

        time.Advance(TimeSpan.FromMinutes(9) - TimeSpan.FromSeconds(1));
        run.Controller.Resyncs.Should().Be(0, "no resync comes before 0.9 of the period");
        run.Controller.Queue.ScheduledCount.Should().Be(0);
        time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => run.Controller.Resyncs == 1, Deadline);
        time.Advance(TimeSpan.FromMinutes(1));

        await Eventually.HoldsAsync(() => reconciler.Total == 6, Deadline);
        names.Should().OnlyContain(n => reconciler.Count[new ObjectKey(ns, n)] == 2, "every cached object came back once, without any change");
        reconciler.Calls.Skip(3).Should().OnlyContain(c => c.At >= started + TimeSpan.FromMinutes(9) && c.At <= started + TimeSpan.FromMinutes(12));
    }

    [Fact]
    public async Task A_reconciler_mutating_its_argument_changes_neither_the_cache_nor_the_status_write()
    {
        var ns = await kube.NewNamespaceAsync("copies");
        var writer = new StatusWriter(kube.Client, Serilog.Core.Logger.None);
        Widget? received = null;
        var reconciler = new RecordingReconciler(async (w, ct) =>
        {
            received = w;

            // Edits its argument in place, then states that status as the desired one.
            w.Status ??= new WidgetStatus();
            w.Status.ObservedValue = w.Spec.Value;
            w.Spec.Value = -1;
            await writer.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, w, x => x.Status!, ct);
            return ReconcileResult.Done;
        });
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 7));
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, TimeProvider.System, workers: 1);

        await Eventually.HoldsAsync(async () => (await kube.GetAsync(ns, "w")).Status?.ObservedValue == 7, Deadline, () => $"writes sent: {writer.Writes}");
        var cached = run.Controller.Cache.Get(new ObjectKey(ns, "w"))!;
        cached.Should().NotBeSameAs(received);
        await Eventually.HoldsAsync(() => run.Controller.Cache.Get(new ObjectKey(ns, "w"))!.Status?.ObservedValue == 7, Deadline);
        run.Controller.Cache.Get(new ObjectKey(ns, "w"))!.Spec.Value.Should().Be(7, "the reconciler's edit stayed in its own copy");
        (await kube.GetAsync(ns, "w")).Spec.Value.Should().Be(7, "only the status was written");
    }

    [Fact]
    public async Task Annotation_changes_reconcile_and_own_status_writes_do_not_loop()
    {
        var ns = await kube.NewNamespaceAsync("levels");
        var status = new StatusWriter(kube.Client, Serilog.Core.Logger.None);
        var reconciler = new RecordingReconciler(async (widget, ct) =>
        {
            await status.UpdateAsync<Widget, WidgetStatus>(WidgetCrd.Kind, widget, w => new WidgetStatus
            {
                ObservedValue = w.Spec.Value,
                Conditions = Conditions.Set(w.Status?.Conditions, "Ready", Conditions.True, "Observed", $"value {w.Spec.Value}", w.Metadata.Generation, TimeProvider.System),
            }, ct);
            return ReconcileResult.Done;
        });
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        await using var run = await RunningController.StartAsync(kube, ns, reconciler, TimeProvider.System, workers: 2);
        var key = new ObjectKey(ns, "w");
        await Eventually.HoldsAsync(async () => (await kube.GetAsync(ns, "w")).Status?.ObservedValue == 1, Deadline);
        // The status write comes back as a watch event; that reconcile finds nothing to change.
        await Eventually.HoldsAsync(() => run.Informer.Cache.Get(key)?.Status?.ObservedValue == 1 && reconciler.Count.GetValueOrDefault(key) >= 2, Deadline);
        var before = reconciler.Count[key];

        await kube.PatchAsync(ns, "w", """{"metadata":{"annotations":{"iroperator.io/approved-by":"alice"}}}""");

        await Eventually.HoldsAsync(() => reconciler.Count[key] > before, Deadline);
        status.Writes.Should().Be(1, "neither the echo of our own write nor the annotation changed the status");
        var stored = await kube.GetAsync(ns, "w");
        stored.Status!.ObservedGeneration.Should().Be(stored.Metadata.Generation);
    }

    /// <summary>A controller over one namespace, running until disposed.</summary>
    private sealed class RunningController : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private RunningController(Controller<Widget> controller, Informer<Widget> informer)
        {
            Controller = controller;
            Informer = informer;
        }

        public Controller<Widget> Controller { get; }

        public Informer<Widget> Informer { get; }

        public static async Task<RunningController> StartAsync(
            RuntimeEmulator kube, string ns, RecordingReconciler reconciler, TimeProvider time, int workers, TimeSpan? backoffBase = null, TimeSpan? resync = null)
        {
            var informer = kube.NewInformer(ns, time);

            // No resync unless asked: tests that move the clock by minutes count reconciles exactly.
            var controller = new Controller<Widget>($"test-{ns}", informer, reconciler, time,
                new ControllerOptions { Workers = workers, BackoffBase = backoffBase ?? TimeSpan.FromMilliseconds(10), ResyncPeriod = resync }, Serilog.Core.Logger.None);
            var running = new RunningController(controller, informer);
            running._run = controller.RunAsync(running._stop.Token);
            await informer.Synced.WaitAsync(Deadline);
            return running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            Controller.Dispose();
            _stop.Dispose();
        }
    }
}
