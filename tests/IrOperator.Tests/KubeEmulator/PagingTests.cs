using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// Paged lists (limit/continue) as etcd serves them: every page at the first page's resourceVersion, and
/// a continue token whose version left the history answered 410 Expired.
/// </summary>
public sealed class PagingTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly KubeEmulatorFixture _fixture;

    public PagingTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget(), TestCrds.Gizmo()]);
    }

    public void Dispose() => _fixture.Emulator.Faults.Clear();

    [Fact]
    public async Task Later_pages_show_the_objects_as_they_were_when_the_first_page_was_read()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await widgets.CreateAsync(WidgetApi.New(name, 1));
        }

        var page1 = await widgets.ListAsync(limit: 2);
        var version = Rv(page1);
        await widgets.PatchAsync("c", """{"metadata":{"labels":{"v":"2"}}}""");
        await widgets.DeleteAsync("d");
        await widgets.CreateAsync(WidgetApi.New("bb", 1));
        await widgets.CreateAsync(WidgetApi.New("f", 1));
        var page2 = await widgets.ListAsync(limit: 2, continueToken: Continue(page1));
        var page3 = await widgets.ListAsync(limit: 2, continueToken: Continue(page2));

        WidgetApi.Names(page1).Should().Equal("a", "b");
        WidgetApi.Names(page2).Should().Equal(["c", "d"], "d was deleted after the first page, bb created after it");
        page2["items"]![0]!["metadata"]!["labels"].Should().BeNull("c is shown as it was at the first page's version");
        WidgetApi.Names(page3).Should().Equal(["e"], "f was created after the first page");
        page3["metadata"]!["continue"].Should().BeNull();
        Rv(page2).Should().Be(version);
        Rv(page3).Should().Be(version);
        WidgetApi.Names(await widgets.ListAsync()).Should().Equal("a", "b", "bb", "c", "e", "f");
    }

    [Fact]
    public async Task A_continue_token_whose_version_was_compacted_is_expired_with_a_token_for_the_live_remainder()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await widgets.CreateAsync(WidgetApi.New(name, 1));
        }

        var page1 = await widgets.ListAsync(limit: 1);
        _fixture.Emulator.Faults.HistoryLimit = 0;
        var unchanged = await widgets.ListAsync(limit: 1, continueToken: Continue(page1));
        await widgets.PatchAsync("c", """{"metadata":{"labels":{"v":"2"}}}""");

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.ListAsync(limit: 1, continueToken: Continue(page1)));

        WidgetApi.Names(unchanged).Should().Equal(["b"], "nothing was written since the first page, so its version is still the newest");
        code.Should().Be(410);
        status["reason"]!.GetValue<string>().Should().Be("Expired");
        status["message"]!.GetValue<string>().Should().StartWith("The provided continue parameter is too old to display a consistent list result.");
        var inconsistent = status["metadata"]!["continue"]!.GetValue<string>();
        var remainder = await widgets.ListAsync(limit: 5, continueToken: inconsistent);
        WidgetApi.Names(remainder).Should().Equal("b", "c");
        remainder["items"]![1]!["metadata"]!["labels"]!["v"]!.GetValue<string>().Should().Be("2", "the inconsistent remainder is read from live data");
    }

    private static string Rv(JsonObject list) => list["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static string Continue(JsonObject list) => list["metadata"]!["continue"]!.GetValue<string>();
}
