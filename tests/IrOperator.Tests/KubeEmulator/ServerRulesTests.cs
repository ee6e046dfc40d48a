using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// Rules the real server applies to every request: metadata syntax and sizes, unknown metadata fields,
/// uid and creationTimestamp on update, patch types per kind, resourceVersionMatch. Through
/// KubernetesClient, kubectl and raw HTTP, with the server's messages.
/// </summary>
public sealed class ServerRulesTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private const string QualifiedNameRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private readonly KubeEmulatorFixture _fixture;
    private readonly string _home = Directory.CreateTempSubdirectory("iroperator-rules-").FullName;
    private readonly Kubectl _kubectl;

    public ServerRulesTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.InstallCrds([TestCrds.Widget()]);
        _kubectl = new Kubectl(fixture.Emulator.WriteKubeconfig(Path.Combine(_home, "kubeconfig")), _home);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private IKubernetes Admin => _fixture.Admin;

    private static JsonObject WithMetadata(JsonObject widget, string field, JsonNode value)
    {
        widget["metadata"]![field] = value;
        return widget;
    }

    [Fact]
    public async Task A_bad_label_key_is_422_with_the_servers_message_on_a_custom_resource()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);

        var (code, status) = await KubeErrors.StatusOfAsync(() =>
            widgets.CreateAsync(WithMetadata(WidgetApi.New("w", 1), "labels", new JsonObject { ["bad key!"] = "ok" })));

        code.Should().Be(422);
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        status["message"]!.GetValue<string>().Should().Be(
            $"Widget.test.iroperator.io \"w\" is invalid: metadata.labels: Invalid value: \"bad key!\": {QualifiedNameRule}");
        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.labels");
    }

    [Fact]
    public async Task Label_values_annotation_keys_and_finalizers_are_checked_on_built_in_kinds()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        Task Create(V1ObjectMeta metadata) => Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = metadata }, ns);

        var longValue = await KubeErrors.StatusOfAsync(() => Create(new V1ObjectMeta { Name = "a", Labels = new Dictionary<string, string> { ["app"] = new string('v', 64) } }));
        var badPrefix = await KubeErrors.StatusOfAsync(() => Create(new V1ObjectMeta { Name = "b", Annotations = new Dictionary<string, string> { ["Example.COM_/x"] = "1" } }));
        var badFinalizer = await KubeErrors.StatusOfAsync(() => Create(new V1ObjectMeta { Name = "c", Finalizers = ["a/b/c"] }));
        var tooBig = await KubeErrors.StatusOfAsync(() => Create(new V1ObjectMeta { Name = "d", Annotations = new Dictionary<string, string> { ["big"] = new string('x', 256 * 1024) } }));
        await Create(new V1ObjectMeta
        {
            Name = "fine",
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "My_value-1", ["empty"] = "" },
            Annotations = new Dictionary<string, string> { ["Example.com/Any"] = "anything at all" },
            Finalizers = ["example.com/cleanup"],
        });

        longValue.Code.Should().Be(422);
        longValue.Status["message"]!.GetValue<string>().Should().StartWith(
            $"ConfigMap \"a\" is invalid: metadata.labels: Invalid value: \"{new string('v', 64)}\": must be no more than 63 characters");
        badPrefix.Status["message"]!.GetValue<string>().Should().Contain(
            "metadata.annotations: Invalid value: \"Example.COM_/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");
        badFinalizer.Status["message"]!.GetValue<string>().Should().StartWith(
            "ConfigMap \"c\" is invalid: metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters");
        tooBig.Status["message"]!.GetValue<string>().Should().Be("ConfigMap \"d\" is invalid: metadata.annotations: Too long: may not be longer than 262144");
        (await Admin.CoreV1.ReadNamespacedConfigMapAsync("fine", ns)).Metadata.Labels.Should().ContainKey("empty");
    }

    [Fact]
    public async Task Unknown_metadata_fields_are_pruned_with_a_warning_or_refused_when_strict()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);

        var pruned = await widgets.CreateAsync(WithMetadata(WidgetApi.New("w", 1), "colour", "red"));
        var (code, status) = await KubeErrors.StatusOfAsync(() =>
            widgets.CreateAsync(WithMetadata(WidgetApi.New("s", 1), "colour", "red"), fieldValidation: "Strict"));

        pruned["metadata"]!["colour"].Should().BeNull();
        code.Should().Be(400);
        status["message"]!.GetValue<string>().Should().Be(
            "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"metadata.colour\"");
    }

    [Fact]
    public async Task A_put_that_changes_uid_is_a_409_precondition_failure_and_creationTimestamp_is_kept()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        var created = await widgets.CreateAsync(WidgetApi.New("w", 1));
        var uid = created["metadata"]!["uid"]!.GetValue<string>();
        var changedUid = (JsonObject)created.DeepClone();
        changedUid["metadata"]!["uid"] = "00000000-0000-0000-0000-000000000001";
        var changedTime = (JsonObject)created.DeepClone();
        changedTime["metadata"]!["creationTimestamp"] = "2001-01-01T00:00:00Z";
        changedTime["spec"]!["owner"] = "x";

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.ReplaceAsync(changedUid));
        var replaced = await widgets.ReplaceAsync(changedTime);
        var (patchCode, patchStatus) = await KubeErrors.StatusOfAsync(() => widgets.PatchAsync("w", """{"metadata":{"uid":"00000000-0000-0000-0000-000000000002"}}"""));

        code.Should().Be(409);
        status["reason"]!.GetValue<string>().Should().Be("Conflict");
        status["message"]!.GetValue<string>().Should().Be(
            $"Operation cannot be fulfilled on widgets.test.iroperator.io \"w\": StorageError: invalid object, Code: 4, Key: /registry/test.iroperator.io/widgets/{widgets.Namespace}/w, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000001, UID in object meta: {uid}");
        replaced["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().Be(created["metadata"]!["creationTimestamp"]!.GetValue<string>());
        replaced["spec"]!["owner"]!.GetValue<string>().Should().Be("x");
        patchCode.Should().Be(422);
        patchStatus["message"]!.GetValue<string>().Should().Be(
            "Widget.test.iroperator.io \"w\" is invalid: metadata.uid: Invalid value: \"00000000-0000-0000-0000-000000000002\": field is immutable");
    }

    [Fact]
    public async Task Strategic_merge_patch_is_415_on_a_custom_resource_and_works_on_a_ConfigMap()
    {
        var widgets = await WidgetApi.InNewNamespaceAsync(Admin);
        await widgets.CreateAsync(WidgetApi.New("w", 1));
        await Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, widgets.Namespace);

        var (code, status) = await KubeErrors.StatusOfAsync(() => widgets.PatchAsync("w", """{"spec":{"owner":"x"}}""", V1Patch.PatchType.StrategicMergePatch));
        var kubectl = await _kubectl.RunAsync("patch", "widgets.test.iroperator.io", "w", "-n", widgets.Namespace, "-p", """{"spec":{"owner":"x"}}""");
        var merged = await _kubectl.RunAsync("patch", "widgets.test.iroperator.io", "w", "-n", widgets.Namespace, "--type=merge", "-p", """{"spec":{"owner":"x"}}""");
        var configMap = await Admin.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.StrategicMergePatch), "cm", widgets.Namespace);

        code.Should().Be(415);
        status["reason"]!.GetValue<string>().Should().Be("UnsupportedMediaType");
        status["message"]!.GetValue<string>().Should().Be(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        kubectl.ExitCode.Should().NotBe(0);
        kubectl.Error.Should().Contain("the body of the request was in an unknown format");
        merged.ExitCode.Should().Be(0, merged.Error);
        (await widgets.GetAsync("w"))["spec"]!["owner"]!.GetValue<string>().Should().Be("x");
        configMap.Data["k"].Should().Be("v");
    }

    [Theory]
    [InlineData("resourceVersionMatch=NotOlderThan", "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")]
    [InlineData("resourceVersionMatch=Exact&resourceVersion=0", "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")]
    [InlineData("resourceVersionMatch=Newest&resourceVersion=5", "resourceVersionMatch: Unsupported value: \"Newest\": supported values: \"Exact\", \"NotOlderThan\", \"\"")]
    public async Task An_invalid_resourceVersionMatch_is_422(string query, string error)
    {
        using var http = _fixture.Emulator.CreateHttpClient();

        using var response = await http.GetAsync("api/v1/configmaps?" + query);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var valid = await http.GetAsync("api/v1/configmaps?resourceVersionMatch=NotOlderThan&resourceVersion=1");

        response.StatusCode.Should().Be((HttpStatusCode)422);
        status["message"]!.GetValue<string>().Should().Be($"ListOptions.meta.k8s.io \"\" is invalid: {error}");
        valid.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_dryRun_or_fieldValidation_on_a_write_is_422_and_writes_nothing()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        using var http = _fixture.Emulator.CreateHttpClient();
        StringContent Body() => new("""{"metadata":{"name":"n"}}""", Encoding.UTF8, "application/json");

        using var dryRun = await http.PostAsync($"api/v1/namespaces/{ns}/configmaps?dryRun=Yes", Body());
        using var validation = await http.PostAsync($"api/v1/namespaces/{ns}/configmaps?fieldValidation=Loud", Body());
        var dryRunStatus = JsonNode.Parse(await dryRun.Content.ReadAsStringAsync())!;
        var validationStatus = JsonNode.Parse(await validation.Content.ReadAsStringAsync())!;
        var list = await Admin.CoreV1.ListNamespacedConfigMapAsync(ns);

        dryRun.StatusCode.Should().Be((HttpStatusCode)422);
        dryRunStatus["message"]!.GetValue<string>().Should().Be(
            "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Yes\"}: supported values: \"All\"");
        validation.StatusCode.Should().Be((HttpStatusCode)422);
        validationStatus["message"]!.GetValue<string>().Should().Be(
            "CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loud\": supported values: \"\", \"Ignore\", \"Warn\", \"Strict\"");
        list.Items.Should().BeEmpty("a dry run the server does not understand must never write");
    }

    [Fact]
    public async Task A_label_value_that_is_not_a_string_is_a_400_decoding_error()
    {
        var ns = (await WidgetApi.InNewNamespaceAsync(Admin)).Namespace;
        using var http = _fixture.Emulator.CreateHttpClient();

        using var response = await http.PostAsync($"api/v1/namespaces/{ns}/configmaps",
            new StringContent("""{"metadata":{"name":"n","labels":{"a":1}}}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    }
}
