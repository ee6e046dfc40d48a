using System.Net;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s.Autorest;

namespace IrOperator.Tests.Runtime;

/// <summary>The informer and controller against the emulator under watch drops, compacted history (410) and 5xx/429.</summary>
public sealed class InformerFaultTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    [Fact]
    public async Task Reconciler_sees_the_final_state_of_every_object_through_drops_410s_and_5xx_and_429()
    {
        const int objects = 30;
        const int updates = 8;
        var ns = await kube.NewNamespaceAsync("faults");
        await Task.WhenAll(Enumerable.Range(0, objects).Select(i => kube.CreateAsync(WidgetCrd.New(ns, $"w{i}", 0))));
        var reconciler = new RecordingReconciler();
        var informer = kube.NewInformer(ns);
        using var controller = new Controller<Widget>("faults", informer, reconciler, TimeProvider.System,
            new ControllerOptions { Workers = 4, BackoffBase = TimeSpan.FromMilliseconds(10), BackoffCap = TimeSpan.FromSeconds(1) }, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));

        var faults = kube.Emulator.Faults;
        try
        {
            faults.Seed(7);
            faults.DropWatchAfterEvents = 13;
            faults.HistoryLimit = 10;
            faults.ErrorRate = 0.15;
            faults.ErrorStatusCode = 500;
            using var writer = kube.NewClient(maxRetries: 30);
            for (var update = 1; update <= updates; update++)
            {
                if (update == updates / 2)
                {
                    faults.ErrorStatusCode = 429;
                    faults.ErrorRate = 0.03;
                }
                var value = update;
                await Task.WhenAll(Enumerable.Range(0, objects).Select(i => kube.PatchAsync(ns, $"w{i}", $$$"""{"spec":{"value":{{{value}}}}}""", writer)));
            }
        }
        finally
        {
            faults.Clear();
        }

        await Eventually.HoldsAsync(
            () => Enumerable.Range(0, objects).All(i => reconciler.LastValue.GetValueOrDefault(new ObjectKey(ns, $"w{i}")) == updates),
            TimeSpan.FromSeconds(30),
            () => $"behind: {string.Join(", ", Enumerable.Range(0, objects).Select(i => new ObjectKey(ns, $"w{i}")).Where(k => reconciler.LastValue.GetValueOrDefault(k) != updates).Select(k => $"{k}={reconciler.LastValue.GetValueOrDefault(k)}"))}");
        informer.Watches.Should().BeGreaterThan(2, "dropped watches were resumed");
        informer.Lists.Should().BeGreaterThan(1, "a resume from compacted history got 410 and relisted");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_stopped_informer_relists_on_410_and_reports_changes_and_deletions_it_missed()
    {
        var ns = await kube.NewNamespaceAsync("relist");
        await kube.CreateAsync(WidgetCrd.New(ns, "kept", 1));
        await kube.CreateAsync(WidgetCrd.New(ns, "changed", 1));
        await kube.CreateAsync(WidgetCrd.New(ns, "deleted", 1));
        var informer = kube.NewInformer(ns);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<ObjectKey>();
        informer.OnChange(changes.Enqueue);
        using (var first = new CancellationTokenSource())
        {
            var run = informer.RunAsync(first.Token);
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));
            await first.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        changes.Clear();

        try
        {
            // While nobody watches, the server forgets the history the informer would resume from.
            kube.Emulator.Faults.HistoryLimit = 0;
            await kube.PatchAsync(ns, "changed", """{"spec":{"value":2}}""");
            await kube.DeleteAsync(ns, "deleted");
            await kube.CreateAsync(WidgetCrd.New(ns, "added", 1));

            using var second = new CancellationTokenSource();
            var rerun = informer.RunAsync(second.Token);
            await Eventually.HoldsAsync(() => informer.Lists >= 2 && informer.Cache.Get(new ObjectKey(ns, "added")) is not null, TimeSpan.FromSeconds(20));
            await second.CancelAsync();
            await rerun.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            kube.Emulator.Faults.Clear();
        }

        informer.Cache.Get(new ObjectKey(ns, "changed"))!.Spec.Value.Should().Be(2);
        informer.Cache.Get(new ObjectKey(ns, "deleted")).Should().BeNull();
        changes.Should().Contain([new ObjectKey(ns, "changed"), new ObjectKey(ns, "deleted"), new ObjectKey(ns, "added")]);
        changes.Should().NotContain(new ObjectKey(ns, "kept"), "an unchanged object is not a change");
    }

    [Fact]
    public async Task Deleting_an_object_removes_it_from_the_cache_and_queues_its_key()
    {
        var ns = await kube.NewNamespaceAsync("delete");
        await kube.CreateAsync(WidgetCrd.New(ns, "doomed", 1));
        var informer = kube.NewInformer(ns);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<ObjectKey>();
        informer.OnChange(changes.Enqueue);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));

        await kube.DeleteAsync(ns, "doomed");

        await Eventually.HoldsAsync(() => informer.Cache.Count == 0, TimeSpan.FromSeconds(10));
        changes.Should().HaveCount(2);
        var missing = async () => await kube.GetAsync(ns, "doomed");
        (await missing.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_watch_that_errors_before_any_event_backs_off_on_the_clock_instead_of_reopening_at_once()
    {
        var ns = await kube.NewNamespaceAsync("watch-error");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var failures = new BackoffLog();
        var informer = new Informer<Widget>(kube.Client, WidgetCrd.Kind, time, new InformerOptions { Namespace = ns },
            new Serilog.LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(failures).CreateLogger());
        kube.Emulator.Faults.WatchErrorStatusCode = 500;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        try
        {
            await Eventually.HoldsAsync(() => failures.Count > 0, TimeSpan.FromSeconds(20));

            // Now waiting on the fake clock: no second watch until it moves.
            informer.Watches.Should().Be(1, "an error before any event waits out its backoff");
            kube.Emulator.Faults.WatchErrorStatusCode = null;
            time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.HoldsAsync(() => informer.Watches == 2, TimeSpan.FromSeconds(20));
            await kube.PatchAsync(ns, "w", """{"spec":{"value":2}}""");
            await Eventually.HoldsAsync(() => informer.Cache.Get(new ObjectKey(ns, "w"))?.Spec.Value == 2, TimeSpan.FromSeconds(20));
        }
        finally
        {
            kube.Emulator.Faults.Clear();
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Counts the informer's "failed; retrying in" warnings, the sign that it entered its backoff.</summary>
    private sealed class BackoffLog : Serilog.Core.ILogEventSink
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text.StartsWith("List/watch of", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
