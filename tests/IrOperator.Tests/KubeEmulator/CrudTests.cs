using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Create, get, update, patch, delete of a custom resource through KubernetesClient over HTTPS.</summary>
public sealed class CrudTests : IClassFixture<KubeEmulatorFixture>
{
    private readonly KubeEmulatorFixture _fixture;

    public CrudTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget(), TestCrds.Gizmo()]);
    }

    private Task<WidgetApi> WidgetsAsync() => WidgetApi.InNewNamespaceAsync(_fixture.Admin);

    [Fact]
    public async Task Create_sets_server_fields_and_schema_defaults()
    {
        var widgets = await WidgetsAsync();
        var before = _fixture.Emulator.Revision;

        var created = await widgets.CreateAsync(WidgetApi.New("w1", 3));

        var metadata = created["metadata"]!;
        Guid.TryParse(metadata["uid"]!.GetValue<string>(), out _).Should().BeTrue();
        metadata["creationTimestamp"]!.GetValue<string>().Should().EndWith("Z");
        WidgetApi.Generation(created).Should().Be(1);
        long.Parse(WidgetApi.ResourceVersion(created), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(before);
        metadata["namespace"]!.GetValue<string>().Should().Be(widgets.Namespace);
        created["spec"]!["colour"]!.GetValue<string>().Should().Be("blue", "the schema default fills it");
        (await widgets.GetAsync("w1"))["spec"]!["size"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task GenerateName_creates_distinct_names_with_the_prefix()
    {
        var widgets = await WidgetsAsync();
        var template = WidgetApi.New("", 1);
        template["metadata"] = new JsonObject { ["generateName"] = "gen-" };

        var first = await widgets.CreateAsync((JsonObject)template.DeepClone());
        var second = await widgets.CreateAsync((JsonObject)template.DeepClone());

        WidgetApi.Name(first).Should().StartWith("gen-").And.HaveLength(9);
        WidgetApi.Name(second).Should().StartWith("gen-").And.NotBe(WidgetApi.Name(first));
    }

    [Fact]
    public async Task Creating_an_existing_name_is_409_AlreadyExists()
    {
        var widgets = await WidgetsAsync();
        await widgets.CreateAsync(WidgetApi.New("dup", 1));

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync(WidgetApi.New("dup", 1)));

        code.Should().Be(409);
        status["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
        status["message"]!.GetValue<string>().Should().Be("widgets.test.iroperator.io \"dup\" already exists");
    }

    [Fact]
    public async Task Getting_a_missing_object_is_404_NotFound_Status()
    {
        var widgets = await WidgetsAsync();

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("nope"));

        code.Should().Be(404);
        status["kind"]!.GetValue<string>().Should().Be("Status");
        status["reason"]!.GetValue<string>().Should().Be("NotFound");
        status["details"]!["name"]!.GetValue<string>().Should().Be("nope");
        status["details"]!["kind"]!.GetValue<string>().Should().Be("widgets");
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404()
    {
        var widgets = new WidgetApi(_fixture.Admin, "no-such-namespace");

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync(WidgetApi.New("w", 1)));

        code.Should().Be(404);
        status["message"]!.GetValue<string>().Should().Be("namespaces \"no-such-namespace\" not found");
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_409_Conflict()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("cas", 1));
        var first = (JsonObject)created.DeepClone();
        first["spec"]!["owner"] = "alice";
        await widgets.ReplaceAsync(first);
        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["owner"] = "bob";

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.ReplaceAsync(stale));

        code.Should().Be(409);
        status["reason"]!.GetValue<string>().Should().Be("Conflict");
        status["message"]!.GetValue<string>().Should().Contain("the object has been modified");
        (await widgets.GetAsync("cas"))["spec"]!["owner"]!.GetValue<string>().Should().Be("alice");
    }

    [Fact]
    public async Task Update_of_a_custom_resource_without_resourceVersion_is_422()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("norv", 1));
        created["metadata"]!.AsObject().Remove("resourceVersion");

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.ReplaceAsync(created));

        code.Should().Be(422);
        status["message"]!.GetValue<string>().Should().Contain("metadata.resourceVersion");
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("gen", 2));

        var labelled = await widgets.PatchAsync("gen", """{"metadata":{"labels":{"team":"ir"}}}""");
        var statused = await widgets.PatchStatusAsync("gen", """{"status":{"phase":"Ready"}}""");
        var specced = await widgets.PatchAsync("gen", """{"spec":{"owner":"carol"}}""");

        WidgetApi.Generation(labelled).Should().Be(1);
        WidgetApi.Generation(statused).Should().Be(1);
        WidgetApi.Generation(specced).Should().Be(2);
        WidgetApi.ResourceVersion(labelled).Should().NotBe(WidgetApi.ResourceVersion(created));
    }

    [Fact]
    public async Task A_no_op_update_keeps_the_resourceVersion()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("same", 2));

        var replaced = await widgets.ReplaceAsync(created);

        WidgetApi.ResourceVersion(replaced).Should().Be(WidgetApi.ResourceVersion(created));
    }

    [Fact]
    public async Task Status_subresource_owns_status_and_main_resource_owns_the_rest()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("st", 2));

        var viaMain = (JsonObject)created.DeepClone();
        viaMain["status"] = new JsonObject { ["phase"] = "Hacked" };
        viaMain["spec"]!["owner"] = "dave";
        var afterMain = await widgets.ReplaceAsync(viaMain);

        var viaStatus = (JsonObject)afterMain.DeepClone();
        viaStatus["status"] = new JsonObject { ["phase"] = "Ready" };
        viaStatus["spec"]!["owner"] = "eve";
        var afterStatus = await widgets.ReplaceStatusAsync(viaStatus);

        afterMain["status"].Should().BeNull("status is ignored on the main resource");
        afterMain["spec"]!["owner"]!.GetValue<string>().Should().Be("dave");
        afterStatus["status"]!["phase"]!.GetValue<string>().Should().Be("Ready");
        afterStatus["spec"]!["owner"]!.GetValue<string>().Should().Be("dave", "spec is ignored on /status");
    }

    [Fact]
    public async Task Without_a_status_subresource_status_is_part_of_the_object_and_bumps_generation()
    {
        var created = await _fixture.Admin.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(
            new JsonObject { ["apiVersion"] = "test.iroperator.io/v1", ["kind"] = "Gizmo", ["metadata"] = new JsonObject { ["name"] = "g-" + Guid.NewGuid().ToString("N")[..8] }, ["status"] = new JsonObject { ["note"] = "kept" } },
            TestCrds.Group, TestCrds.Version, TestCrds.Gizmos);
        var name = WidgetApi.Name(created);

        var patched = await _fixture.Admin.CustomObjects.PatchClusterCustomObjectAsync<JsonObject>(
            new V1Patch("""{"status":{"note":"changed"}}""", V1Patch.PatchType.MergePatch), TestCrds.Group, TestCrds.Version, TestCrds.Gizmos, name);

        created["status"]!["note"]!.GetValue<string>().Should().Be("kept");
        patched["status"]!["note"]!.GetValue<string>().Should().Be("changed");
        WidgetApi.Generation(patched).Should().Be(2);
        created["metadata"]!["namespace"].Should().BeNull("gizmos are cluster-scoped");
    }

    [Fact]
    public async Task Merge_patch_removes_with_null_and_json_patch_applies_operations()
    {
        var widgets = await WidgetsAsync();
        await widgets.CreateAsync(WidgetApi.New("p", 2, owner: "alice"));

        var merged = await widgets.PatchAsync("p", """{"spec":{"owner":null},"metadata":{"annotations":{"a":"1"}}}""");
        var jsonPatched = await widgets.PatchAsync("p", """[{"op":"test","path":"/spec/size","value":2},{"op":"add","path":"/spec/owner","value":"bob"},{"op":"remove","path":"/metadata/annotations/a"}]""", V1Patch.PatchType.JsonPatch);

        merged["spec"]!["owner"].Should().BeNull();
        merged["metadata"]!["annotations"]!["a"]!.GetValue<string>().Should().Be("1");
        jsonPatched["spec"]!["owner"]!.GetValue<string>().Should().Be("bob");
        jsonPatched["metadata"]!["annotations"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_json_patch_test_is_422_and_changes_nothing()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("jp", 2));

        var (code, _) = await KubeErrors.StatusOfAsync(() => widgets.PatchAsync("jp", """[{"op":"test","path":"/spec/size","value":9},{"op":"replace","path":"/spec/size","value":3}]""", V1Patch.PatchType.JsonPatch));

        code.Should().Be(422);
        WidgetApi.ResourceVersion(await widgets.GetAsync("jp")).Should().Be(WidgetApi.ResourceVersion(created));
    }

    [Fact]
    public async Task A_merge_patch_carrying_a_stale_resourceVersion_is_409()
    {
        var widgets = await WidgetsAsync();
        var created = await widgets.CreateAsync(WidgetApi.New("lock", 2));
        await widgets.PatchAsync("lock", """{"spec":{"owner":"x"}}""");

        var (code, _) = await KubeErrors.StatusOfAsync(() =>
            widgets.PatchStatusAsync("lock", $$$"""{"metadata":{"resourceVersion":"{{{WidgetApi.ResourceVersion(created)}}}"},"status":{"phase":"Late"}}"""));

        code.Should().Be(409);
    }

    [Fact]
    public async Task Delete_with_a_finalizer_marks_the_object_until_the_finalizer_is_removed()
    {
        var widgets = await WidgetsAsync();
        var widget = WidgetApi.New("fin", 1);
        widget["metadata"]!["finalizers"] = new JsonArray("test.iroperator.io/cleanup");
        await widgets.CreateAsync(widget);

        var deleting = await widgets.DeleteAsync("fin");
        var held = await widgets.GetAsync("fin");
        var (addCode, _) = await KubeErrors.StatusOfAsync(() =>
            widgets.PatchAsync("fin", """{"metadata":{"finalizers":["test.iroperator.io/cleanup","another"]}}"""));
        await widgets.PatchAsync("fin", """{"metadata":{"finalizers":null}}""");
        var (goneCode, _) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("fin"));

        deleting["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        held["metadata"]!["deletionTimestamp"].Should().NotBeNull("finalizers hold the object");
        addCode.Should().Be(422, "no new finalizers can be added while deleting");
        goneCode.Should().Be(404, "removing the last finalizer completes the delete");
    }

    [Fact]
    public async Task Delete_without_finalizers_removes_the_object()
    {
        var widgets = await WidgetsAsync();
        await widgets.CreateAsync(WidgetApi.New("del", 1));

        var deleted = await widgets.DeleteAsync("del");
        var (code, _) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("del"));
        var (again, _) = await KubeErrors.StatusOfAsync(() => widgets.DeleteAsync("del"));

        WidgetApi.Name(deleted).Should().Be("del");
        code.Should().Be(404);
        again.Should().Be(404);
    }

    [Fact]
    public async Task List_filters_by_label_and_name_and_pages_with_continue()
    {
        var widgets = await WidgetsAsync();
        foreach (var (name, team) in new[] { ("a", "red"), ("b", "blue"), ("c", "red"), ("d", "green") })
        {
            var widget = WidgetApi.New(name, 1);
            widget["metadata"]!["labels"] = new JsonObject { ["team"] = team };
            await widgets.CreateAsync(widget);
        }

        var red = await widgets.ListAsync(labelSelector: "team=red");
        var notRed = await widgets.ListAsync(labelSelector: "team notin (red),team");
        var byName = await widgets.ListAsync(fieldSelector: "metadata.name=b");
        var page1 = await widgets.ListAsync(limit: 3);
        var page2 = await widgets.ListAsync(limit: 3, continueToken: page1["metadata"]!["continue"]!.GetValue<string>());

        WidgetApi.Names(red).Should().Equal("a", "c");
        WidgetApi.Names(notRed).Should().Equal("b", "d");
        WidgetApi.Names(byName).Should().Equal("b");
        WidgetApi.Names(page1).Should().Equal("a", "b", "c");
        page1["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().Be(1);
        WidgetApi.Names(page2).Should().Equal("d");
        page2["metadata"]!["continue"].Should().BeNull();
        page1["kind"]!.GetValue<string>().Should().Be("WidgetList");
    }

    [Fact]
    public async Task Built_in_kinds_the_operator_uses_round_trip()
    {
        var ns = (await WidgetsAsync()).Namespace;
        var client = _fixture.Admin;

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { GenerateName = "e-" }, InvolvedObject = new V1ObjectReference { Name = "x" }, Reason = "Tested" }, ns);
        await client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event { Metadata = new V1ObjectMeta { GenerateName = "e-" }, EventTime = DateTime.UtcNow, ReportingController = "test", ReportingInstance = "t-1", Action = "Test", Reason = "Tested", Note = "n" }, ns);
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, ns);
        lease.Spec.HolderIdentity = "b";
        var replaced = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", ns);
        var status = await client.CoreV1.DeleteNamespacedConfigMapAsync("cm", ns);

        (await client.CoreV1.ReadNamespacedSecretAsync("s", ns)).StringData["k"].Should().Be("v");
        // One store behind both Event APIs: each lists both events.
        (await client.CoreV1.ListNamespacedEventAsync(ns)).Items.Should().HaveCount(2).And.OnlyContain(e => e.Reason == "Tested");
        (await client.EventsV1.ListNamespacedEventAsync(ns)).Items.Should().HaveCount(2);
        replaced.Spec.HolderIdentity.Should().Be("b");
        status.Status.Should().Be("Success");
        (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects()
    {
        var widgets = await WidgetsAsync();
        await widgets.CreateAsync(WidgetApi.New("inside", 1));

        await _fixture.Admin.CoreV1.DeleteNamespaceAsync(widgets.Namespace);
        var (code, _) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("inside"));

        code.Should().Be(404);
    }

    [Fact]
    public async Task A_dry_run_create_validates_but_stores_nothing()
    {
        var widgets = await WidgetsAsync();

        var answered = await _fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(
            WidgetApi.New("dry", 2), TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets, dryRun: "All");
        var (code, _) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("dry"));

        answered["spec"]!["colour"]!.GetValue<string>().Should().Be("blue");
        code.Should().Be(404);
    }

    [Fact]
    public async Task An_unknown_token_is_401()
    {
        var config = _fixture.Emulator.ClientConfiguration();
        config.AccessToken = "not-a-token";
        using var client = new Kubernetes(config);

        var (code, status) = await KubeErrors.StatusOfAsync(() => client.CoreV1.ListNamespaceAsync());

        code.Should().Be(401);
        status["reason"]!.GetValue<string>().Should().Be("Unauthorized");
    }
}
