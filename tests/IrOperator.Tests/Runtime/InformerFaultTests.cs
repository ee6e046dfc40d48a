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
        var faults = kube.Emulator.Faults;
        var opened = faults.WatchesOpened;
        Task run;
        try
        {
            // Faults first: the emulator reads a watch's faults when it opens, so every watch of this test has them.
            faults.Seed(7);
            faults.DropWatchAfterEvents = 13;
            faults.HistoryLimit = 10;
            faults.ExpireNextWatches = 1;
            faults.ErrorRate = 0.15;
            faults.ErrorStatusCode = 500;
            run = controller.RunAsync(stop.Token);
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));

            // The forced 410 has relisted and the next watch is open before any write: the writes below
            // (240 events, at most 13 per watch) must then cut it and those after it.
            await Eventually.HoldsAsync(() => informer.Lists >= 2 && faults.WatchesOpened >= opened + 2, TimeSpan.FromSeconds(20));
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
        informer.Watches.Should().BeGreaterThan(2, "watches were cut after 13 events and resumed");
        informer.Lists.Should().BeGreaterThan(1, "the forced 410 made it relist");
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

        // The key is reported just after the object leaves the cache: wait for both.
        await Eventually.HoldsAsync(() => informer.Cache.Count == 0 && changes.Count >= 2, TimeSpan.FromSeconds(10));
        changes.Should().HaveCount(2, "one change for the create, one for the delete");
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

    [Fact]
    public async Task An_informer_stopped_while_backing_off_ends_normally()
    {
        var ns = await kube.NewNamespaceAsync("stop-in-backoff");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var failures = new BackoffLog();
        var informer = new Informer<Widget>(kube.Client, WidgetCrd.Kind, time, new InformerOptions { Namespace = ns },
            new Serilog.LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(failures).CreateLogger());
        kube.Emulator.Faults.WatchErrorStatusCode = 500;
        using var stop = new CancellationTokenSource();
        try
        {
            var run = informer.RunAsync(stop.Token);
            await Eventually.HoldsAsync(() => failures.Count > 0, TimeSpan.FromSeconds(20));

            await stop.CancelAsync();

            await run.WaitAsync(TimeSpan.FromSeconds(10));
            run.IsCompletedSuccessfully.Should().BeTrue("a stop is not a failure, whatever the informer was doing");
        }
        finally
        {
            kube.Emulator.Faults.Clear();
        }
    }

    [Fact]
    public async Task A_watch_that_closes_at_once_with_no_events_backs_off_on_the_clock()
    {
        var ns = await kube.NewNamespaceAsync("short-watch");
        await kube.CreateAsync(WidgetCrd.New(ns, "w", 1));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var failures = new BackoffLog();
        var informer = new Informer<Widget>(kube.Client, WidgetCrd.Kind, time, new InformerOptions { Namespace = ns },
            new Serilog.LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(failures).CreateLogger());
        kube.Emulator.Faults.DropWatchAfter = TimeSpan.Zero;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        try
        {
            await Eventually.HoldsAsync(() => failures.Count > 0, TimeSpan.FromSeconds(20));

            // client-go: an empty watch shorter than a second is a failure, so no second watch until the clock
            // moves. (KubernetesClient reports an empty body as an HttpRequestException; a clean close with no
            // events is counted by the informer itself. Either way it is the backoff path.)
            informer.Watches.Should().Be(1);
            kube.Emulator.Faults.DropWatchAfter = null;
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

    [Fact]
    public async Task A_list_paged_under_concurrent_writes_watches_from_the_first_page_and_ends_equal_to_the_server()
    {
        var ns = await kube.NewNamespaceAsync("paging");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => kube.CreateAsync(WidgetCrd.New(ns, $"w{i:00}", 0))));
        using var pages = new WritesBetweenPages(() => kube.Emulator.Revision, async () =>
        {
            // Between the first and the second page: a change on a page already read, one on a page not yet
            // read, a delete ahead, and a create that sorts into a page already read.
            await kube.PatchAsync(ns, "w02", """{"spec":{"value":1}}""");
            await kube.PatchAsync(ns, "w15", """{"spec":{"value":1}}""");
            await kube.DeleteAsync(ns, "w18");
            await kube.CreateAsync(WidgetCrd.New(ns, "w01a", 1));
        });
        using var client = new k8s.Kubernetes(kube.Emulator.ClientConfiguration(), pages);
        var informer = new Informer<Widget>(client, WidgetCrd.Kind, TimeProvider.System, new InformerOptions { Namespace = ns, ListPageSize = 7 }, Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        try
        {
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));
            await Eventually.HoldsAsync(() => pages.WatchedFrom is not null, TimeSpan.FromSeconds(20));
            await Eventually.HoldsAsync(async () => Versions(informer.Cache.List()).SequenceEqual(Versions(await kube.ListAsync(ns))), TimeSpan.FromSeconds(20));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        pages.ListVersions.Should().HaveCount(3).And.OnlyContain(v => v == pages.ListVersions[0], "every page is served at the first page's version");
        pages.WatchedFrom.Should().Be(pages.ListVersions[0], "the later pages claimed a newer version, which would skip the writes made while paging");
        informer.Cache.Get(new ObjectKey(ns, "w18")).Should().BeNull();
        informer.Cache.Get(new ObjectKey(ns, "w01a")).Should().NotBeNull();
        informer.Cache.Get(new ObjectKey(ns, "w15"))!.Spec.Value.Should().Be(1);
    }

    private static List<(string Name, string Version)> Versions(IEnumerable<Widget> widgets) =>
        widgets.Select(w => (w.Metadata.Name, w.Metadata.ResourceVersion)).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Runs writes once, just before the second page of a list is requested; records the versions the
    /// pages were served at and the version the watch resumes from. Later pages are handed to the informer
    /// claiming the server's newest version (as a server serving pages from live data would), so only a
    /// client that keeps the first page's version resumes without a gap.
    /// </summary>
    private sealed class WritesBetweenPages(Func<long> newestVersion, Func<Task> writes) : DelegatingHandler
    {
        private int _fired;

        public List<string> ListVersions { get; } = [];

        public string? WatchedFrom { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            if (query["watch"] == "true")
            {
                WatchedFrom ??= query["resourceVersion"];
                return await base.SendAsync(request, cancellationToken);
            }
            if (query["continue"] is not null && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await writes();
            }
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body?["metadata"]?["resourceVersion"]?.GetValue<string>() is { } version)
            {
                lock (ListVersions)
                {
                    ListVersions.Add(version);
                }
            }
            if (query["continue"] is not null && body is not null)
            {
                body["metadata"]!["resourceVersion"] = newestVersion().ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            }
            return response;
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
