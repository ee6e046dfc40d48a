using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// Deletion as the real server does it, through KubernetesClient, kubectl and raw HTTP: dry-run deletes
/// from the DeleteOptions body, validated propagationPolicy, namespaces and CRDs that stay Terminating
/// until what they hold is gone.
/// </summary>
public sealed class DeletionTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly KubeEmulatorFixture _fixture;
    private readonly string _home = Directory.CreateTempSubdirectory("iroperator-deletion-").FullName;
    private readonly Kubectl _kubectl;

    public DeletionTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
        _kubectl = new Kubectl(fixture.Emulator.WriteKubeconfig(Path.Combine(_home, "kubeconfig")), _home);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private IKubernetes Admin => _fixture.Admin;

    private static JsonObject Finalized(string name, string finalizer = "test.iroperator.io/hold")
    {
        var widget = WidgetApi.New(name, 1);
        widget["metadata"]!["finalizers"] = new JsonArray(finalizer);
        return widget;
    }

    [Fact]
    public async Task A_dry_run_delete_in_the_DeleteOptions_body_deletes_nothing()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        await widgets.CreateAsync(WidgetApi.New("kept", 1));
        await widgets.CreateAsync(Finalized("held"));
        await Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, widgets.Namespace);
        var dryRun = new V1DeleteOptions { DryRun = ["All"] };

        var answered = await Admin.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(
            TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets, "kept", body: dryRun);
        var marked = await Admin.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(
            TestCrds.Group, TestCrds.Version, widgets.Namespace, TestCrds.Widgets, "held", body: dryRun);
        await Admin.CoreV1.DeleteNamespacedConfigMapAsync("cm", widgets.Namespace, body: dryRun);
        await Admin.CoreV1.DeleteNamespaceAsync(widgets.Namespace, body: dryRun);

        WidgetApi.Name(answered).Should().Be("kept");
        marked["metadata"]!["deletionTimestamp"].Should().NotBeNull("the answer shows what a real delete would do");
        (await widgets.GetAsync("kept"))["metadata"]!["deletionTimestamp"].Should().BeNull();
        (await widgets.GetAsync("held"))["metadata"]!["deletionTimestamp"].Should().BeNull();
        (await Admin.CoreV1.ReadNamespacedConfigMapAsync("cm", widgets.Namespace)).Should().NotBeNull();
        (await Admin.CoreV1.ReadNamespaceAsync(widgets.Namespace)).Status.Phase.Should().Be("Active");
    }

    [Fact]
    public async Task Kubectl_delete_with_server_dry_run_deletes_nothing_and_a_real_delete_does()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        await widgets.CreateAsync(WidgetApi.New("w", 1));

        var dry = await _kubectl.RunAsync("delete", "widgets.test.iroperator.io", "w", "-n", widgets.Namespace, "--dry-run=server");
        (await widgets.GetAsync("w")).Should().NotBeNull();
        var real = await _kubectl.RunAsync("delete", "widgets.test.iroperator.io", "w", "-n", widgets.Namespace);
        var (code, _) = await KubeErrors.StatusOfAsync(() => widgets.GetAsync("w"));

        dry.ExitCode.Should().Be(0, dry.Error);
        dry.Output.Should().Contain("widget.test.iroperator.io \"w\" deleted (server dry run)");
        real.ExitCode.Should().Be(0, real.Error);
        code.Should().Be(404);
    }

    [Fact]
    public async Task An_unknown_propagationPolicy_is_422_and_a_known_one_with_a_grace_period_is_accepted()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        await widgets.CreateAsync(WidgetApi.New("w", 1));
        using var http = _fixture.Emulator.CreateHttpClient();
        var path = $"apis/{TestCrds.Group}/{TestCrds.Version}/namespaces/{widgets.Namespace}/{TestCrds.Widgets}/w";

        using var badBody = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path)
        {
            Content = new StringContent("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Cascade"}""", Encoding.UTF8, "application/json"),
        });
        using var badQuery = await http.DeleteAsync(path + "?propagationPolicy=Sideways");
        var status = JsonNode.Parse(await badBody.Content.ReadAsStringAsync())!;
        using var good = await http.DeleteAsync(path + "?propagationPolicy=Foreground&gracePeriodSeconds=30");

        badBody.StatusCode.Should().Be((HttpStatusCode)422);
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        status["message"]!.GetValue<string>().Should().Be(
            "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Cascade\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        badQuery.StatusCode.Should().Be((HttpStatusCode)422);
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        (await KubeErrors.StatusOfAsync(() => widgets.GetAsync("w"))).Code.Should().Be(404);
    }

    [Fact]
    public async Task Deleting_with_a_finalizer_bumps_generation_with_the_deletionTimestamp()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        var created = await widgets.CreateAsync(Finalized("w"));

        var deleted = await widgets.DeleteAsync("w");
        var again = await widgets.DeleteAsync("w");

        WidgetApi.Generation(created).Should().Be(1);
        WidgetApi.Generation(deleted).Should().Be(2);
        deleted["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        WidgetApi.Generation(again).Should().Be(2, "a second delete changes nothing");
    }

    [Fact]
    public async Task A_namespace_with_a_finalized_object_stays_Terminating_until_the_finalizer_goes()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        var ns = widgets.Namespace;
        await widgets.CreateAsync(Finalized("held"));
        await widgets.CreateAsync(WidgetApi.New("free", 1));
        await Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, ns);
        (await Admin.CoreV1.ReadNamespaceAsync(ns)).Spec.Finalizers.Should().Equal("kubernetes");

        await Admin.CoreV1.DeleteNamespaceAsync(ns);

        var terminating = await Admin.CoreV1.ReadNamespaceAsync(ns);
        terminating.Status.Phase.Should().Be("Terminating");
        terminating.Metadata.DeletionTimestamp.Should().NotBeNull();
        terminating.Spec.Finalizers.Should().Equal("kubernetes");
        terminating.Status.Conditions.Should().Contain(c => c.Type == "NamespaceFinalizersRemaining" && c.Status == "True"
            && c.Message == "Some content in the namespace has finalizers remaining: test.iroperator.io/hold in 1 resource instances");
        var held = await widgets.GetAsync("held");
        held["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        WidgetApi.Generation(held).Should().Be(2);
        (await KubeErrors.StatusOfAsync(() => widgets.GetAsync("free"))).Code.Should().Be(404);
        (await KubeErrors.StatusOfAsync(() => Admin.CoreV1.ReadNamespacedConfigMapAsync("cm", ns))).Code.Should().Be(404);

        var (code, refused) = await KubeErrors.StatusOfAsync(() => widgets.CreateAsync(WidgetApi.New("late", 1)));
        code.Should().Be(403);
        refused["reason"]!.GetValue<string>().Should().Be("Forbidden");
        refused["message"]!.GetValue<string>().Should().Be(
            $"widgets.test.iroperator.io \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
        refused["details"]!["causes"]![0]!["reason"]!.GetValue<string>().Should().Be("NamespaceTerminating");
        var (againCode, again) = await KubeErrors.StatusOfAsync(() => Admin.CoreV1.DeleteNamespaceAsync(ns));
        againCode.Should().Be(409);
        again["message"]!.GetValue<string>().Should().Contain("The system is ensuring all content is removed from this namespace.");
        var (recreateCode, recreate) = await KubeErrors.StatusOfAsync(() => Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }));
        recreateCode.Should().Be(409);
        recreate["message"]!.GetValue<string>().Should().Be($"object is being deleted: namespaces \"{ns}\" already exists");

        await widgets.PatchAsync("held", """{"metadata":{"finalizers":null}}""");

        await Eventually.HoldsAsync(async () => await NamespaceGoneAsync(ns), Wait, () => $"namespace {ns} is still there");
    }

    [Fact]
    public async Task Deleting_an_empty_namespace_removes_it_and_kubectl_waits_for_it()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);

        var deleted = await _kubectl.RunAsync("delete", "namespace", widgets.Namespace);

        deleted.ExitCode.Should().Be(0, deleted.Error);
        deleted.Output.Should().Contain($"namespace \"{widgets.Namespace}\" deleted");
        (await NamespaceGoneAsync(widgets.Namespace)).Should().BeTrue();
    }

    [Fact]
    public async Task Put_to_finalize_forces_a_Terminating_namespace_out()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        await widgets.CreateAsync(Finalized("held"));
        await Admin.CoreV1.DeleteNamespaceAsync(widgets.Namespace);
        var terminating = await Admin.CoreV1.ReadNamespaceAsync(widgets.Namespace);

        terminating.Spec.Finalizers = [];
        await Admin.CoreV1.ReplaceNamespaceFinalizeAsync(terminating, widgets.Namespace);

        (await NamespaceGoneAsync(widgets.Namespace)).Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_a_CRD_keeps_it_Terminating_until_its_instances_are_gone()
    {
        var crd = KubernetesJson.Deserialize<V1CustomResourceDefinition>("""
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "sprockets.deletion.iroperator.io"},
             "spec": {"group": "deletion.iroperator.io", "scope": "Namespaced",
               "names": {"kind": "Sprocket", "plural": "sprockets", "singular": "sprocket"},
               "versions": [{"name": "v1", "served": true, "storage": true,
                 "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]}}
            """);
        await Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        JsonObject Sprocket(string name, bool finalized) => new()
        {
            ["apiVersion"] = "deletion.iroperator.io/v1",
            ["kind"] = "Sprocket",
            ["metadata"] = finalized
                ? new JsonObject { ["name"] = name, ["finalizers"] = new JsonArray("deletion.iroperator.io/hold") }
                : new JsonObject { ["name"] = name },
        };
        Task<JsonObject> CreateAsync(string name, bool finalized = false) =>
            Admin.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Sprocket(name, finalized), "deletion.iroperator.io", "v1", ns, "sprockets");
        await CreateAsync("held", finalized: true);
        await CreateAsync("free");

        await Admin.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd.Metadata.Name);

        var terminating = await Admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
        terminating.Metadata.Finalizers.Should().Contain("customresourcecleanup.apiextensions.k8s.io");
        terminating.Status.Conditions.Should().Contain(c => c.Type == "Terminating" && c.Status == "True");
        var (code, refused) = await KubeErrors.StatusOfAsync(() => CreateAsync("late"));
        code.Should().Be(405);
        refused["message"]!.GetValue<string>().Should().Be("create not allowed while custom resource definition is terminating");
        var remaining = await Admin.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>("deletion.iroperator.io", "v1", ns, "sprockets");
        WidgetApi.Names(remaining).Should().Equal("held");

        await Admin.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "deletion.iroperator.io", "v1", ns, "sprockets", "held");

        await Eventually.HoldsAsync(
            () => _fixture.Emulator.Catalog.FindAnyVersion("deletion.iroperator.io", "sprockets") is null, Wait, () => "the CRD is still served");
        (await KubeErrors.StatusOfAsync(() => Admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name))).Code.Should().Be(404);
    }

    private async Task<bool> NamespaceGoneAsync(string ns)
    {
        try
        {
            await Admin.CoreV1.ReadNamespaceAsync(ns);
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }
}
