using System.Diagnostics;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.Resources;
using k8s;

namespace IrOperator.Tests.Admission;

/// <summary>
/// The chart's approval-policy templates with the real Helm: with default values they render exactly the files the
/// sandbox applies (one source of truth); with other values the policy's settings change and the rendered policy,
/// run by the emulator's admission engine, enforces them. Only this part of the chart is rendered (a stub Chart.yaml
/// around deploy/helm/ir-operator/files/admission and templates/approval-policy*), so the test stands on its own.
/// Fails when helm is missing: CI installs it.
/// </summary>
public sealed class ApprovalPolicyChartTests : IDisposable
{
    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
    private static readonly ResourceType Grants = CustomResourceDefinitions.Compile(
        JsonNode.Parse(KubernetesJson.Serialize(GeneratedCrds.BreakGlassGrant))!.AsObject()).Single();

    private readonly string _chart = Directory.CreateTempSubdirectory("approval-policy-chart-").FullName;

    public ApprovalPolicyChartTests()
    {
        var source = ChartSource();
        Directory.CreateDirectory(Path.Combine(_chart, "files", "admission"));
        Directory.CreateDirectory(Path.Combine(_chart, "templates"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "files", "admission"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(_chart, "files", "admission", Path.GetFileName(file)));
        }
        foreach (var file in Directory.GetFiles(Path.Combine(source, "templates"), "approval-policy*.yaml"))
        {
            File.Copy(file, Path.Combine(_chart, "templates", Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(_chart, "Chart.yaml"), "apiVersion: v2\nname: ir-operator\nversion: 0.0.0\n");
    }

    public void Dispose() => Directory.Delete(_chart, recursive: true);

    [Fact]
    public async Task Default_values_render_the_files_the_sandbox_applies()
    {
        var rendered = await RenderAsync("-n", "iroperator-system");

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
        var rendered = await RenderAsync("-n", "ops",
            "--set", "approvalPolicy.approverGroups={oidc:incident-commanders}",
            "--set", "grants.sourceIdentityStripPrefixes={oidc:,corp:}",
            "--set", "serviceAccount.name=op");
        using var store = new ObjectStore(() => 1000);
        var plugin = Install(store, rendered);
        var erin = new KubeUser("oidc:erin", ["oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
        var bob = new KubeUser("bob", ["ir-approvers", KubeUser.AuthenticatedGroup]);
        var corpAlice = new KubeUser("corp:alice", ["ir-responders", KubeUser.AuthenticatedGroup]);
        var op = new KubeUser("system:serviceaccount:ops:op", [KubeUser.AuthenticatedGroup]);
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
        (await RenderAsync("--set", "approvalPolicy.enabled=false")).Should().BeEmpty();
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

    private async Task<List<JsonObject>> RenderAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Helm()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "template", "t", _chart }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        process.ExitCode.Should().Be(0, await error);
        var text = await output;
        return text.Trim().Length == 0 ? [] : [.. Objects(text)];
    }

    /// <summary>helm on PATH, else where .ci/install-tools puts the tools.</summary>
    private static string Helm()
    {
        var tools = Environment.GetEnvironmentVariable("IROPERATOR_TOOLS_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "iroperator-tools");
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(tools, "bin"))
            .Select(d => Path.Combine(d, "helm"));
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("helm is neither on PATH nor in the tools folder; .ci/install-tools installs it");
    }

    /// <summary>deploy/helm/ir-operator in the repository the tests were built from.</summary>
    private static string ChartSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var chart = Path.Combine(dir.FullName, "deploy", "helm", "ir-operator");
            if (Directory.Exists(Path.Combine(chart, "files", "admission")))
            {
                return chart;
            }
        }
        throw new DirectoryNotFoundException("deploy/helm/ir-operator not found above " + AppContext.BaseDirectory);
    }
}
