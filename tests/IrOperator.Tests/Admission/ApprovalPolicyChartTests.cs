using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;
using IrOperator.Tests.Deploy;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.Resources;
using k8s;

namespace IrOperator.Tests.Admission;

/// <summary>
/// The chart's approval-policy templates with the real Helm: with default values they render exactly the files the
/// sandbox applies (one source of truth; the chart adds only its labels); with other values the policy's settings
/// change and the rendered policy, run by the emulator's admission engine, enforces them. Fails when helm is
/// missing: CI installs it.
/// </summary>
public sealed class ApprovalPolicyChartTests
{
    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
    private static readonly ResourceType Grants = CustomResourceDefinitions.Compile(
        JsonNode.Parse(KubernetesJson.Serialize(GeneratedCrds.BreakGlassGrant))!.AsObject()).Single();

    [Fact]
    public async Task Default_values_render_the_files_the_sandbox_applies()
    {
        var rendered = (await RenderAsync()).Select(WithoutChartLabels).ToList();

        var shipped = SandboxAdmission.Manifests.SelectMany(m => Objects(m.Yaml)).ToList();
        rendered.Should().HaveCount(2);
        foreach (var obj in shipped)
        {
            rendered.Should().Contain(r => JsonNode.DeepEquals(r, obj), $"{obj["kind"]} renders as the file has it");
        }
    }

    [Fact]
    public async Task Values_set_the_approver_groups_the_prefixes_and_the_operators_service_account()
    {
        var rendered = await RenderAsync(
            "--set", "rbac.approvers.groups={oidc:incident-commanders}",
            "--set", "operator.grants.sourceIdentityStripPrefixes={oidc:,corp:}",
            "--set", "serviceAccount.name=op");
        using var store = new ObjectStore(() => 1000);
        var plugin = Install(store, rendered);
        var erin = new KubeUser("oidc:erin", ["oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
        var bob = new KubeUser("bob", ["ir-approvers", KubeUser.AuthenticatedGroup]);
        var corpAlice = new KubeUser("corp:alice", ["ir-responders", KubeUser.AuthenticatedGroup]);
        var op = new KubeUser("system:serviceaccount:iroperator-system:op", [KubeUser.AuthenticatedGroup]);
        var grant = ApprovalPolicy.Grant("g", "incident-response", "alice");
        var held = (JsonObject)grant.DeepClone();
        held["metadata"]!["finalizers"] = new JsonArray("iroperator.io/cleanup");

        FluentActions.Invoking(() => plugin.Admit(Update(grant, Annotated(grant, "approval.iroperator.io/erin", "oidc:erin"), erin))).Should().NotThrow();
        FluentActions.Invoking(() => plugin.Admit(Update(grant, Annotated(grant, "approval.iroperator.io/bob", "bob"), bob)))
            .Should().Throw<KubeApiException>().Which.Message.Should().Contain("bob is not in an approver group (oidc:incident-commanders)");
        FluentActions.Invoking(() => plugin.Admit(new AdmissionRequest("CREATE", Grants, "incident-response", "g", null, grant, null, corpAlice)))
            .Should().NotThrow("corp:alice is alice once corp: is stripped");
        FluentActions.Invoking(() => plugin.Admit(Update(held, grant, op))).Should().NotThrow("the release's service account is the operator");
    }

    [Fact]
    public async Task The_policy_can_be_left_out()
    {
        var (exit, _, error) = await Helm.RunAsync("template", "iroperator", Helm.Chart, "--set", "approvalPolicy.enabled=false",
            "--show-only", "templates/approval-policy.yaml");
        exit.Should().NotBe(0, "nothing renders from the template");
        error.Should().Contain("could not find template");
    }

    private static ValidatingAdmissionPolicies Install(ObjectStore store, IEnumerable<JsonObject> objects)
    {
        var plugin = new ValidatingAdmissionPolicies(store);
        store.TryCreate("/namespaces", "", "incident-response", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "incident-response" } });
        foreach (var obj in objects.OrderBy(o => o["kind"]!.GetValue<string>().Length))
        {
            var type = BuiltInResources.All.Single(t => t.Kind == obj["kind"]!.GetValue<string>() && t.Group == ValidatingAdmissionPolicies.Group);
            var name = obj["metadata"]!["name"]!.GetValue<string>();
            plugin.Admit(new AdmissionRequest("CREATE", type, "", name, null, obj, null, Admin));
            store.TryCreate(type.StorageKey, "", name, (JsonObject)obj.DeepClone()).Should().Be(WriteOutcome.Written);
        }
        return plugin;
    }

    private static JsonObject Annotated(JsonObject grant, string key, string value)
    {
        var copy = (JsonObject)grant.DeepClone();
        copy["metadata"]!["annotations"] = new JsonObject { [key] = value };
        return copy;
    }

    private static AdmissionRequest Update(JsonObject before, JsonObject after, KubeUser user) =>
        new("UPDATE", Grants, "incident-response", "g", null, after, before, user);

    private static IEnumerable<JsonObject> Objects(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml).Select(d => JsonNode.Parse(KubernetesJson.Serialize(d))!.AsObject());

    /// <summary>The two approval-policy templates of the chart, rendered as release iroperator in iroperator-system.</summary>
    private static async Task<List<JsonObject>> RenderAsync(params string[] values) =>
        [.. await Helm.TemplateAsync(["--show-only", "templates/approval-policy.yaml", "--show-only", "templates/approval-policy-binding.yaml", .. values])];

    /// <summary>The object without the labels the chart adds to everything it installs (the files keep their own).</summary>
    private static JsonObject WithoutChartLabels(JsonObject rendered)
    {
        var copy = (JsonObject)rendered.DeepClone();
        var labels = copy["metadata"]!["labels"]!.AsObject();
        foreach (var key in labels.Select(l => l.Key).Where(k => k != "app.kubernetes.io/name" && k != "app.kubernetes.io/component").ToList())
        {
            labels.Remove(key);
        }
        return copy;
    }
}
