using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Discovery, OpenAPI and Table responses over HTTP, and CRDs served the moment they are created.</summary>
public sealed class DiscoveryTests : IClassFixture<KubeEmulatorFixture>
{
    private readonly KubeEmulatorFixture _fixture;

    public DiscoveryTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
    }

    private async Task<JsonObject> GetJsonAsync(string path, string? accept = null)
    {
        using var http = _fixture.Emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Version_and_core_group_are_served()
    {
        var version = await _fixture.Admin.Version.GetCodeAsync();
        var core = await _fixture.Admin.CoreV1.GetAPIResourcesAsync();

        version.Major.Should().Be("1");
        core.Resources.Select(r => r.Name).Should().Contain(["namespaces", "secrets", "configmaps", "events", "namespaces/status"]);
        core.Resources.Single(r => r.Name == "namespaces").ShortNames.Should().Contain("ns");
    }

    [Fact]
    public async Task A_created_CRD_appears_in_discovery_with_short_names_and_categories()
    {
        var crd = TestCrds.Gizmo();
        crd.Metadata.Name = "sprockets.test.iroperator.io";
        crd.Spec.Names = new V1CustomResourceDefinitionNames { Plural = "sprockets", Kind = "Sprocket", ShortNames = ["spr"], Categories = ["gadgets"] };

        var before = await GetJsonAsync("apis/test.iroperator.io/v1");
        var created = await _fixture.Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var after = await GetJsonAsync("apis/test.iroperator.io/v1");
        var groups = await _fixture.Admin.Apis.GetAPIVersionsAsync();

        Names(before).Should().NotContain("sprockets");
        var sprockets = after["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "sprockets")!;
        sprockets["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("spr");
        sprockets["categories"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("gadgets");
        sprockets["namespaced"]!.GetValue<bool>().Should().BeFalse();
        sprockets["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["create", "watch", "patch"]);
        created.Status.Conditions.Should().Contain(c => c.Type == "Established" && c.Status == "True");
        groups.Groups.Should().Contain(g => g.Name == "test.iroperator.io");
        var gizmo = await _fixture.Admin.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(
            new JsonObject { ["apiVersion"] = "test.iroperator.io/v1", ["kind"] = "Sprocket", ["metadata"] = new JsonObject { ["name"] = "s1" } },
            TestCrds.Group, TestCrds.Version, "sprockets");
        gizmo["kind"]!.GetValue<string>().Should().Be("Sprocket");
    }

    [Fact]
    public async Task Deleting_a_CRD_stops_serving_it()
    {
        var crd = TestCrds.Gizmo();
        crd.Metadata.Name = "cogs.test.iroperator.io";
        crd.Spec.Names = new V1CustomResourceDefinitionNames { Plural = "cogs", Kind = "Cog" };
        await _fixture.Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);

        await _fixture.Admin.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("cogs.test.iroperator.io");
        var (code, _) = await KubeErrors.StatusOfAsync(() =>
            _fixture.Admin.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(TestCrds.Group, TestCrds.Version, "cogs"));

        code.Should().Be(404);
    }

    [Fact]
    public async Task OpenApi_v3_indexes_the_CRD_group_and_serves_its_document()
    {
        var index = await GetJsonAsync("openapi/v3");
        var url = index["paths"]!["apis/test.iroperator.io/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var document = await GetJsonAsync(url.TrimStart('/'));

        document["components"]!["schemas"]!.AsObject().Select(p => p.Key).Should().Contain(k => k.EndsWith(".Widget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Table_is_served_with_the_CRD_printer_columns_when_asked_for()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(_fixture.Admin);
        await widgets.CreateAsync(WidgetApi.New("t1", 4));
        await widgets.PatchStatusAsync("t1", """{"status":{"phase":"Ready"}}""");

        var table = await GetJsonAsync($"apis/test.iroperator.io/v1/namespaces/{widgets.Namespace}/widgets", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        var plain = await GetJsonAsync($"apis/test.iroperator.io/v1/namespaces/{widgets.Namespace}/widgets");

        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("Name", "Size", "Phase", "Age");
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        cells[0]!.GetValue<string>().Should().Be("t1");
        cells[1]!.GetValue<long>().Should().Be(4);
        cells[2]!.GetValue<string>().Should().Be("Ready");
        plain["kind"]!.GetValue<string>().Should().Be("WidgetList");
    }

    private static List<string> Names(JsonObject resourceList) =>
        resourceList["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
}
