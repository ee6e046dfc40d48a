using System.Net;
using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;

namespace IrOperator.Tests.Runtime;

/// <summary>
/// The informer and controller against everything at once, per seed: 40+ objects listed in pages of 7,
/// watches cut every few events, forced 410s, 5 % of requests failing, and creates, updates and deletes
/// made while the watch is down (so only a resume or a relist can tell). At the end every object's final
/// state and every deletion must have been reconciled, no key twice at once, and the cache must equal
/// the server. See docs/runtime.md, "Informer".
/// </summary>
public sealed class InformerChaosTests(RuntimeEmulator kube) : IClassFixture<RuntimeEmulator>
{
    private const int Objects = 40;
    private const int Rounds = 6;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_final_state_and_every_delete_is_reconciled_and_the_cache_ends_equal_to_the_server(int seed)
    {
        var random = new Random(seed);
        var ns = await kube.NewNamespaceAsync($"chaos-{seed}");
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, Objects))
        {
            var created = await kube.CreateAsync(WidgetCrd.New(ns, $"c{i:000}", 0));
            live[created.Metadata.Name] = created.Metadata.Uid;
        }

        var reconciler = new RecordingReconciler(async (_, ct) =>
        {
            await Task.Yield();
            return ReconcileResult.Done;
        });

        // No client retries for the informer, so the 5 % failures reach it; the writer retries through them.
        using var informerClient = kube.NewClient(maxRetries: 0);
        using var writer = kube.NewClient(maxRetries: 30);
        var informer = new Informer<Widget>(informerClient, WidgetCrd.Kind, TimeProvider.System,
            new InformerOptions { Namespace = ns, ListPageSize = 7, MaxRetryDelay = TimeSpan.FromMilliseconds(100) }, Serilog.Core.Logger.None);
        using var controller = new Controller<Widget>($"chaos-{seed}", informer, reconciler, TimeProvider.System,
            new ControllerOptions { Workers = 4, BackoffBase = TimeSpan.FromMilliseconds(5), BackoffCap = TimeSpan.FromMilliseconds(100), ResyncPeriod = null },
            Serilog.Core.Logger.None);
        using var stop = new CancellationTokenSource();
        var faults = kube.Emulator.Faults;
        var run = Task.CompletedTask;
        try
        {
            faults.Seed(seed);
            faults.ErrorRate = 0.05;
            faults.DropWatchAfterEvents = 3 + random.Next(8);
            faults.HistoryLimit = 10 + random.Next(20);
            faults.ExpireNextWatches = 1;
            run = controller.RunAsync(stop.Token);
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));
            await Eventually.HoldsAsync(() => informer.Lists >= 2, TimeSpan.FromSeconds(20));
            for (var round = 1; round <= Rounds; round++)
            {
                var down = round % 2 == 0;
                if (down)
                {
                    // The server stops serving watches and cuts the open one; what follows is only seen on resume or relist.
                    faults.WatchErrorStatusCode = 500;
                    faults.DropOpenWatches();
                }
                var names = live.Keys.OrderBy(_ => random.Next()).ToList();
                var value = round;
                var updates = names.Take(12).Select(n => kube.PatchAsync(ns, n, $$$"""{"spec":{"value":{{{value}}}}}""", writer));
                // Deleted: objects the informer has seen (one created and deleted unseen leaves nothing to report).
                var deletes = names.Skip(12).Where(n => informer.Cache.Get(new ObjectKey(ns, n))?.Metadata.Uid == live[n]).Take(3).ToList();
                var creates = Enumerable.Range(0, 3).Select(i => $"n{round}-{i}").ToList();
                await Task.WhenAll(updates.Concat(deletes.Select(n => DeleteAsync(writer, ns, n))));
                foreach (var name in deletes)
                {
                    deleted.Add(live[name]);
                    live.Remove(name);
                }
                foreach (var name in creates)
                {
                    live[name] = (await CreateAsync(writer, WidgetCrd.New(ns, name, value))).Metadata.Uid;
                }
                if (down)
                {
                    faults.ExpireNextWatches = 1;
                    faults.WatchErrorStatusCode = null;
                }
                else
                {
                    // Keep the informer in the game: the previous round's relist raced these writes; now let the
                    // watch deliver them (cut every few events) before the next outage.
                    await Eventually.HoldsAsync(() => creates.All(n => informer.Cache.Get(new ObjectKey(ns, n)) is not null), TimeSpan.FromSeconds(20));
                }
            }
        }
        finally
        {
            faults.Clear();
        }

        try
        {
            await Eventually.HoldsAsync(
                async () => Converged(await kube.ListAsync(ns), informer, reconciler, deleted) is null,
                TimeSpan.FromSeconds(30),
                () => Converged(kube.ListAsync(ns).GetAwaiter().GetResult(), informer, reconciler, deleted) ?? "converged");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        reconciler.MaxPerKey.Should().Be(1, "no key is processed on two workers at once");
        reconciler.Deleted.Select(t => t.Metadata.Uid).Should().OnlyHaveUniqueItems("each deletion is handed over once").And.BeEquivalentTo(deleted);
        controller.PendingTombstones.Should().Be(0);
        informer.Lists.Should().BeGreaterThan(1, "forced 410s relisted");
        informer.Watches.Should().BeGreaterThan(3, "watches were cut and resumed");
    }

    /// <summary>Null once the cache equals the server and every final state and deletion was reconciled; else what differs.</summary>
    private static string? Converged(IReadOnlyList<Widget> server, Informer<Widget> informer, RecordingReconciler reconciler, HashSet<string> deleted)
    {
        var cached = informer.Cache.List().ToDictionary(w => w.Metadata.Name, w => w.Metadata.ResourceVersion, StringComparer.Ordinal);
        var expected = server.ToDictionary(w => w.Metadata.Name, w => w.Metadata.ResourceVersion, StringComparer.Ordinal);
        var cacheDiff = expected.Where(kv => cached.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => $"{kv.Key}@{kv.Value} cached {cached.GetValueOrDefault(kv.Key) ?? "missing"}")
            .Concat(cached.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{k} cached but deleted"))
            .ToList();
        var unreconciled = server.Where(w => reconciler.LastVersion.GetValueOrDefault(ObjectKey.Of(w.Metadata)) != w.Metadata.ResourceVersion).Select(w => w.Metadata.Name).ToList();
        var deletions = reconciler.Deleted.Select(t => t.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var missedDeletes = deleted.Count(uid => !deletions.Contains(uid));
        return cacheDiff.Count == 0 && unreconciled.Count == 0 && missedDeletes == 0
            ? null
            : $"cache differs: [{string.Join(", ", cacheDiff)}]; not reconciled at their final version: [{string.Join(", ", unreconciled)}]; deletions not reconciled: {missedDeletes}";
    }

    // A create is not retried by the client on a 500 (it might have happened); an injected fault never did.
    private static async Task<Widget> CreateAsync(IKubernetes client, Widget widget)
    {
        while (true)
        {
            try
            {
                return await client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
                    widget, WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, widget.Metadata.NamespaceProperty, WidgetCrd.Kind.Plural);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.InternalServerError)
            {
            }
        }
    }

    private static Task DeleteAsync(IKubernetes client, string ns, string name) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, ns, WidgetCrd.Kind.Plural, name);
}
