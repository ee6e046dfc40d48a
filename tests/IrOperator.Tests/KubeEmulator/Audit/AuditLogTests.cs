using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Resources;
using IrOperator.Sandbox.Kube;
using IrOperator.Sandbox.Kube.Audit;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.KubeEmulator.Support;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;
using static IrOperator.Tests.KubeEmulator.Audit.AuditLogFile;

namespace IrOperator.Tests.KubeEmulator.Audit;

/// <summary>
/// The API server audit log: one audit.k8s.io/v1 Event per line for every write (create, patch,
/// delete, refused ones too), with user, objectRef, response status and admission's annotations;
/// reads only when asked; lines never interleave under concurrency.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iroperator-audit-" + Guid.NewGuid().ToString("N"));
    private KubeApiEmulator? _emulator;

    private KubeApiEmulator Emulator => _emulator!;

    private string LogPath => Path.Combine(_directory, "kube-audit.log");

    public async Task InitializeAsync()
    {
        _emulator = await StartAsync(LogPath, AuditLevel.None);
        _emulator.InstallCrds(CrdGenerator.GenerateAll());
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Create_patch_and_delete_are_recorded_with_user_verb_objectRef_and_status()
    {
        var ns = await NamespaceAsync();
        using var alice = Emulator.CreateClient("alice");
        await alice.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("g", ns, "alice"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");
        using var bob = Emulator.CreateClient("bob");
        await bob.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(ApprovalPolicy.ApprovalPatch("bob"), V1Patch.PatchType.MergePatch), "iroperator.io", "v1alpha1", ns, "breakglassgrants", "g");
        using var admin = Emulator.CreateClient();
        await admin.CustomObjects.DeleteNamespacedCustomObjectAsync("iroperator.io", "v1alpha1", ns, "breakglassgrants", "g");

        var create = await EventAsync(LogPath, e => Text(e["verb"]) == "create" && Text(e["objectRef"]?["namespace"]) == ns);
        var patch = await EventAsync(LogPath, e => Text(e["verb"]) == "patch" && Text(e["objectRef"]?["namespace"]) == ns);
        var delete = await EventAsync(LogPath, e => Text(e["verb"]) == "delete" && Text(e["objectRef"]?["namespace"]) == ns);

        create["kind"]!.GetValue<string>().Should().Be("Event");
        create["apiVersion"]!.GetValue<string>().Should().Be("audit.k8s.io/v1");
        create["level"]!.GetValue<string>().Should().Be("Metadata");
        create["stage"]!.GetValue<string>().Should().Be("ResponseComplete");
        Guid.TryParse(Text(create["auditID"]), out _).Should().BeTrue();
        create["user"]!.ToJsonString().Should().Be("""{"username":"alice","groups":["ir-responders","system:authenticated"]}""");
        create["objectRef"]!.ToJsonString().Should().Be($$"""{"resource":"breakglassgrants","namespace":"{{ns}}","name":"g","apiGroup":"iroperator.io","apiVersion":"v1alpha1"}""");
        create["responseStatus"]!.ToJsonString().Should().Be("""{"metadata":{},"code":201}""");
        create["requestURI"]!.GetValue<string>().Should().Be($"/apis/iroperator.io/v1alpha1/namespaces/{ns}/breakglassgrants");
        create["sourceIPs"]!.AsArray().Select(ip => ip!.GetValue<string>()).Should().Equal("127.0.0.1");
        create["userAgent"]!.GetValue<string>().Should().NotBeEmpty();
        DateTimeOffset.Parse(Text(create["stageTimestamp"]), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeOnOrAfter(DateTimeOffset.Parse(Text(create["requestReceivedTimestamp"]), System.Globalization.CultureInfo.InvariantCulture));
        patch["user"]!["username"]!.GetValue<string>().Should().Be("bob");
        patch["objectRef"]!["name"]!.GetValue<string>().Should().Be("g");
        patch["responseStatus"]!["code"]!.GetValue<int>().Should().Be(200);
        delete["user"]!["username"]!.GetValue<string>().Should().Be("admin");
        delete["objectRef"]!["name"]!.GetValue<string>().Should().Be("g");
        create.ContainsKey("impersonatedUser").Should().BeFalse();
    }

    [Fact]
    public async Task The_audit_id_is_returned_as_the_Audit_Id_header()
    {
        var ns = await NamespaceAsync();
        using var http = Emulator.CreateHttpClient();
        var configMap = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "cm", ["namespace"] = ns } };
        using var body = new StringContent(configMap.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync($"api/v1/namespaces/{ns}/configmaps", body);
        var auditId = response.Headers.GetValues("Audit-Id").Single();

        var recorded = await EventAsync(LogPath, e => Text(e["auditID"]) == auditId);
        recorded["verb"]!.GetValue<string>().Should().Be("create");
        recorded["objectRef"]!.ToJsonString().Should().Be($$"""{"resource":"configmaps","namespace":"{{ns}}","name":"cm","apiVersion":"v1"}""");
    }

    [Fact]
    public async Task A_refused_write_is_recorded_with_the_failure_status()
    {
        var ns = await NamespaceAsync();
        using var admin = Emulator.CreateClient();

        await KubeErrors.StatusOfAsync(() => admin.CoreV1.ReadNamespacedConfigMapAsync("missing", ns));
        await KubeErrors.StatusOfAsync(() => admin.CoreV1.DeleteNamespacedConfigMapAsync("missing", ns));

        var refused = await EventAsync(LogPath, e => Text(e["verb"]) == "delete" && Text(e["objectRef"]?["namespace"]) == ns);
        var status = refused["responseStatus"]!;
        status["status"]!.GetValue<string>().Should().Be("Failure");
        status["reason"]!.GetValue<string>().Should().Be("NotFound");
        status["message"]!.GetValue<string>().Should().Be("configmaps \"missing\" not found");
        status["code"]!.GetValue<int>().Should().Be(404);
        File.ReadAllText(LogPath).Should().Contain("""configmaps \"missing\" not found""", "quotes are written as the server writes them");
        Events(LogPath).Where(e => Text(e["verb"]) == "get" && Text(e["objectRef"]?["namespace"]) == ns).Should().BeEmpty("reads are not audited by default");
    }

    [Fact]
    public async Task Admission_policy_audit_annotations_and_Audit_action_failures_are_in_the_event()
    {
        var ns = await NamespaceAsync();
        var label = ns;
        await Emulator.CreateClient().CoreV1.PatchNamespaceAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["policy-test"] = label } } }.ToJsonString(), V1Patch.PatchType.MergePatch), ns);
        using var admin = Emulator.CreateClient();
        await admin.AdmissionregistrationV1.CreateValidatingAdmissionPolicyAsync(KubernetesJson.Deserialize<V1ValidatingAdmissionPolicy>(ApprovalPolicy.Policy("approvals", label).ToJsonString()));
        await admin.AdmissionregistrationV1.CreateValidatingAdmissionPolicyBindingAsync(KubernetesJson.Deserialize<V1ValidatingAdmissionPolicyBinding>(ApprovalPolicy.Binding("approvals-audit", "approvals", "Audit").ToJsonString()));
        await admin.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("g", ns, "alice"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");
        using var alice = Emulator.CreateClient("alice");

        await alice.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(ApprovalPolicy.ApprovalPatch("alice"), V1Patch.PatchType.MergePatch), "iroperator.io", "v1alpha1", ns, "breakglassgrants", "g");

        var patch = await EventAsync(LogPath, e => Text(e["verb"]) == "patch" && Text(e["objectRef"]?["namespace"]) == ns);
        patch["responseStatus"]!["code"]!.GetValue<int>().Should().Be(200, "Audit records the failure and admits");
        patch["annotations"]!["approvals/approved-by"]!.GetValue<string>().Should().Be("alice");
        var failure = JsonNode.Parse(Text(patch["annotations"]!["validation.policy.admission.k8s.io/validation_failure"]))!;
        failure.ToJsonString().Should().Be(
            """[{"message":"only members of ir-approvers may approve a grant","policy":"approvals","binding":"approvals-audit","expressionIndex":0,"validationActions":["Audit"]}]""");
    }

    [Fact]
    public async Task Concurrent_writes_each_get_one_whole_line()
    {
        var ns = await NamespaceAsync();
        using var client = Emulator.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" }, Data = new Dictionary<string, string> { ["k"] = new string('x', 2000) } }, ns)));

        await Eventually.HoldsAsync(() => Events(LogPath).Count(e => Text(e["objectRef"]?["namespace"]) == ns && Text(e["verb"]) == "create") == 40, TimeSpan.FromSeconds(10));
        var lines = File.ReadAllLines(LogPath);
        lines.Should().OnlyContain(l => JsonNode.Parse(l) is JsonObject, "every line is one whole event");
        Events(LogPath).Where(e => Text(e["objectRef"]?["namespace"]) == ns).Select(e => Text(e["objectRef"]!["name"])).Should().BeEquivalentTo(Enumerable.Range(0, 40).Select(i => $"cm-{i}"));
    }

    [Fact]
    public async Task Reads_are_recorded_at_the_Metadata_level_when_asked()
    {
        var path = Path.Combine(_directory, "reads.log");
        await using var emulator = await StartAsync(path, AuditLevel.Metadata);
        using var client = emulator.CreateClient();

        await client.CoreV1.ListNamespaceAsync();
        await client.CoreV1.ReadNamespaceAsync("default");

        var list = await EventAsync(path, e => Text(e["verb"]) == "list" && Text(e["objectRef"]?["resource"]) == "namespaces");
        var get = await EventAsync(path, e => Text(e["verb"]) == "get" && Text(e["objectRef"]?["name"]) == "default");
        list["user"]!["username"]!.GetValue<string>().Should().Be("admin");
        get["responseStatus"]!["code"]!.GetValue<int>().Should().Be(200);
    }

    [Fact]
    public async Task A_request_without_valid_credentials_is_recorded_without_a_user()
    {
        using var http = Emulator.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await http.GetAsync("api/v1/namespaces/default/configmaps");
        var auditId = response.Headers.GetValues("Audit-Id").Single();

        var refused = await EventAsync(LogPath, e => Text(e["auditID"]) == auditId);
        refused["user"]!.ToJsonString().Should().Be("{}");
        refused["responseStatus"]!["code"]!.GetValue<int>().Should().Be(401);
    }

    private static Task<KubeApiEmulator> StartAsync(string auditLogPath, AuditLevel reads) =>
        KubeApiEmulator.StartAsync(
            new KubeEmulatorOptions
            {
                AuditLogPath = auditLogPath,
                AuditReads = reads,
                Users = [("alice", ["ir-responders"]), ("bob", ["ir-approvers"]), ("carol", ["ir-approvers"])],
            },
            CancellationToken.None);

    private async Task<string> NamespaceAsync()
    {
        var ns = "audit-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = Emulator.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        SandboxGrantRoles.Apply(Emulator, ns);
        return ns;
    }
}
