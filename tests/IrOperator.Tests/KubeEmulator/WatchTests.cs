using System.Text.Json;
using IrOperator.Tests.Fixtures;
using k8s;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Watch streams through KubernetesClient: events in order, bookmarks, timeouts, 410 Expired, dropped watches.</summary>
public sealed class WatchTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly KubeEmulatorFixture _fixture;

    public WatchTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
    }

    public void Dispose() => _fixture.Emulator.Faults.Clear();

    private IAsyncEnumerable<(WatchEventType Type, object Object)> Watch(
        WidgetApi widgets, string? resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken ct, bool bookmarks = false) =>
        _fixture.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets,
            allowWatchBookmarks: bookmarks, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct);

    private static (string Name, string ResourceVersion) Describe(object obj)
    {
        var element = (JsonElement)obj;
        var metadata = element.GetProperty("metadata");
        return (metadata.TryGetProperty("name", out var n) ? n.GetString()! : "", metadata.GetProperty("resourceVersion").GetString()!);
    }

    [Fact]
    public async Task Watch_from_a_list_version_sees_added_modified_deleted_in_order()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("before", 1));
        var listVersion = (await widgets.ListAsync())["metadata"]!["resourceVersion"]!.GetValue<string>();
        await widgets.CreateAsync(WidgetApi.New("w", 1));
        await widgets.PatchAsync("w", """{"spec":{"owner":"alice"}}""");
        await widgets.DeleteAsync("w");

        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<(WatchEventType, string, long)>();
        await foreach (var (type, obj) in Watch(widgets, listVersion, 30, _ => { }, cts.Token))
        {
            var (name, rv) = Describe(obj);
            seen.Add((type, name, long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture)));
            if (seen.Count == 3)
            {
                break;
            }
        }

        seen.Select(s => (s.Item1, s.Item2)).Should().Equal((WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w"));
        seen.Select(s => s.Item3).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects_then_follows_changes()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("existing", 1));

        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, obj) in Watch(widgets, null, 30, _ => { }, cts.Token))
        {
            seen.Add((type, Describe(obj).Name));
            if (seen.Count == 1)
            {
                await widgets.CreateAsync(WidgetApi.New("later", 1));
            }
            else
            {
                break;
            }
        }

        seen.Should().Equal((WatchEventType.Added, "existing"), (WatchEventType.Added, "later"));
    }

    [Fact]
    public async Task Bookmarks_arrive_when_asked_for_and_carry_the_current_version()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var created = await widgets.CreateAsync(WidgetApi.New("b", 1));

        using var cts = new CancellationTokenSource(Deadline);
        string? bookmarkVersion = null;
        await foreach (var (type, obj) in Watch(widgets, WidgetApi.ResourceVersion(created), 30, _ => { }, cts.Token, bookmarks: true))
        {
            if (type == WatchEventType.Bookmark)
            {
                bookmarkVersion = Describe(obj).ResourceVersion;
                break;
            }
        }

        long.Parse(bookmarkVersion!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThanOrEqualTo(long.Parse(WidgetApi.ResourceVersion(created), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream_cleanly()
    {
        // One object, so the stream is not empty: KubernetesClient throws EndOfStreamException on a watch
        // that ends before its first line, whatever the server (its first line is read eagerly).
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("only", 1));
        var errors = new List<Exception>();
        var started = DateTime.UtcNow;
        var received = 0;

        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var _ in Watch(widgets, null, 1, errors.Add, cts.Token))
        {
            received++;
        }

        cts.IsCancellationRequested.Should().BeFalse("the server ended the watch, not our deadline");
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        received.Should().Be(1);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Watching_from_a_compacted_version_reports_410_Expired()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var old = await widgets.CreateAsync(WidgetApi.New("old", 1));
        await widgets.CreateAsync(WidgetApi.New("newer", 1));
        _fixture.Emulator.Faults.HistoryLimit = 0;

        var errors = new List<Exception>();
        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var _ in Watch(widgets, WidgetApi.ResourceVersion(old), 30, errors.Add, cts.Token))
        {
        }

        var expired = errors.OfType<KubernetesException>().Should().ContainSingle().Which;
        expired.Status.Code.Should().Be(410);
        expired.Status.Reason.Should().Be("Expired");
        expired.Status.Message.Should().StartWith($"too old resource version: {WidgetApi.ResourceVersion(old)}");
    }

    [Fact]
    public async Task A_watch_dropped_by_fault_injection_ends_after_the_set_number_of_events()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("one", 1));
        await widgets.CreateAsync(WidgetApi.New("two", 1));
        _fixture.Emulator.Faults.DropWatchAfterEvents = 1;

        var received = 0;
        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var _ in Watch(widgets, null, 30, _ => { }, cts.Token))
        {
            received++;
        }

        cts.IsCancellationRequested.Should().BeFalse("the server ended the watch long before its 30 s timeout");
        received.Should().Be(1, "the stream was cut after one event although two objects exist");
    }

    [Fact]
    public async Task A_watch_dropped_after_a_time_ends_before_its_timeout()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("x", 1));
        _fixture.Emulator.Faults.DropWatchAfter = TimeSpan.FromMilliseconds(500);
        var started = DateTime.UtcNow;

        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var _ in Watch(widgets, null, 30, _ => { }, cts.Token))
        {
        }

        cts.IsCancellationRequested.Should().BeFalse("the fault ended the watch long before its 30 s timeout");
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
    }

    [Fact]
    public async Task A_label_selector_watch_sees_only_matching_objects()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var start = (await widgets.ListAsync())["metadata"]!["resourceVersion"]!.GetValue<string>();
        foreach (var (name, team) in new[] { ("r1", "red"), ("b1", "blue"), ("r2", "red") })
        {
            var widget = WidgetApi.New(name, 1);
            widget["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["team"] = team };
            await widgets.CreateAsync(widget);
        }

        using var cts = new CancellationTokenSource(Deadline);
        var names = new List<string>();
        await foreach (var (_, obj) in _fixture.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets, labelSelector: "team=red", resourceVersion: start, timeoutSeconds: 30, cancellationToken: cts.Token))
        {
            names.Add(Describe(obj).Name);
            if (names.Count == 2)
            {
                break;
            }
        }

        names.Should().Equal("r1", "r2");
    }

    [Fact]
    public async Task An_object_leaving_or_entering_a_label_selector_is_deleted_or_added_for_that_watch()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        var widget = WidgetApi.New("mover", 1);
        widget["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["team"] = "red" };
        var created = await widgets.CreateAsync(widget);
        await widgets.PatchAsync("mover", """{"metadata":{"labels":{"team":"blue"}}}""");
        await widgets.PatchAsync("mover", """{"metadata":{"labels":{"team":"red"}}}""");

        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<WatchEventType>();
        await foreach (var (type, _) in _fixture.Admin.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets, labelSelector: "team=red", resourceVersion: WidgetApi.ResourceVersion(created), timeoutSeconds: 30, cancellationToken: cts.Token))
        {
            seen.Add(type);
            if (seen.Count == 2)
            {
                break;
            }
        }

        seen.Should().Equal(WatchEventType.Deleted, WatchEventType.Added);
    }
}
