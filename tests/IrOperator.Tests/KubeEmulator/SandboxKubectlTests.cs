using System.Collections.Concurrent;
using System.Diagnostics;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Tests.KubeEmulator.Support;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Starts the sandbox host (emulator, CRDs, state folder) in a temporary folder for one test class.</summary>
public sealed class SandboxHostFixture : IAsyncLifetime
{
    private SandboxHost? _host;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "iroperator-sandbox-" + Guid.NewGuid().ToString("N"));

    public SandboxHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _host = await SandboxHost.StartAsync(new SandboxOptions { StateDir = Path.Combine(Directory, "state") }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// The done-when of the sandbox: the machine's kubectl, with the kubeconfig the sandbox wrote, applies
/// examples/, prints the CRDs' printer columns, watches a change, and acts as each user.
/// </summary>
public sealed class SandboxKubectlTests : IClassFixture<SandboxHostFixture>
{
    private readonly SandboxHostFixture _fixture;
    private readonly Kubectl _kubectl;

    public SandboxKubectlTests(SandboxHostFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Host.KubeconfigPath, fixture.Directory);
    }

    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    [Fact]
    public async Task The_state_folder_holds_a_kubeconfig_with_a_context_per_user_and_the_CA()
    {
        var contexts = await _kubectl.RunAsync("config", "get-contexts", "-o", "name");
        var current = await _kubectl.RunAsync("config", "current-context");

        contexts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo("admin", "alice", "bob", "carol", "iroperator");
        current.Output.Trim().Should().Be("admin");
        File.ReadAllText(Path.Combine(_fixture.Host.StateDir, SandboxHost.KubeCaFile)).Should().StartWith("-----BEGIN CERTIFICATE-----");
    }

    [Fact]
    public async Task Kubectl_applies_the_examples_and_gets_them_with_printer_columns()
    {
        // The roles as admin; the grant as its requester (the sandbox's approval policy admits it from alice only).
        var roles = Directory.GetFiles(Examples, "*.yaml").Where(f => !Path.GetFileName(f).Contains("breakglassgrant", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).SelectMany(f => new[] { "-f", f }).ToArray();
        var grant = Path.Combine(Examples, "20-breakglassgrant-alice-inc-4711.yaml");
        var applyRoles = await _kubectl.RunAsync(["apply", .. roles]);
        var apply = await _kubectl.RunAsync("--context", "alice", "apply", "-f", grant);
        var again = await _kubectl.RunAsync("--context", "alice", "apply", "-f", grant);
        var asAdmin = await _kubectl.RunAsync("apply", "-f", Examples);
        var get = await _kubectl.RunAsync("get", "rr,bgg", "-A");
        var byCategory = await _kubectl.RunAsync("get", "incident-response", "-A", "-o", "name");

        applyRoles.ExitCode.Should().Be(0, applyRoles.Error);
        applyRoles.Output.Should().Contain("responderrole.iroperator.io/forensic-investigator created");
        apply.ExitCode.Should().Be(0, apply.Error);
        apply.Output.Should().Contain("breakglassgrant.iroperator.io/alice-inc-4711 created");
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("breakglassgrant.iroperator.io/alice-inc-4711 unchanged");
        asAdmin.ExitCode.Should().Be(0, "the grant exists unchanged, so admin's apply writes nothing to it: " + asAdmin.Error);
        get.ExitCode.Should().Be(0, get.Error);
        get.Output.Should().Contain("REQUESTED BY").And.Contain("PHASE").And.Contain("EXPIRES")
            .And.Contain("alice-inc-4711").And.Contain("forensic-investigator");
        byCategory.Output.Should().Contain("responderrole.iroperator.io/security-analyst").And.Contain("breakglassgrant.iroperator.io/alice-inc-4711");
    }

    [Fact]
    public async Task Kubectl_get_watch_prints_a_grant_approved_through_the_API()
    {
        var ns = "watch-" + Guid.NewGuid().ToString("N")[..8];
        using var client = _fixture.Host.Kube.CreateClient();
        await CreateExampleGrantAsync(client, ns);

        using var process = Process.Start(_kubectl.StartInfo("get", "bgg", "-n", ns, "-w", "--output-watch-events")) ?? throw new InvalidOperationException("kubectl did not start");
        var lines = new BlockingCollection<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            NextLineContaining(lines, "alice-inc-4711", deadline.Token).Should().Contain("ADDED").And.Contain("forensic-investigator");
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch("""{"metadata":{"annotations":{"iroperator.io/approved-by":"bob"}}}""", V1Patch.PatchType.MergePatch),
                "iroperator.io", "v1alpha1", ns, "breakglassgrants", "alice-inc-4711");
            NextLineContaining(lines, "alice-inc-4711", deadline.Token).Should().Contain("MODIFIED");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Kubectl_describe_shows_the_events_of_a_grant()
    {
        var ns = "describe-" + Guid.NewGuid().ToString("N")[..8];
        using var client = _fixture.Host.Kube.CreateClient();
        var uid = await CreateExampleGrantAsync(client, ns);
        await client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = "alice-inc-4711.approved" },
                InvolvedObject = new V1ObjectReference { ApiVersion = "iroperator.io/v1alpha1", Kind = "BreakGlassGrant", Name = "alice-inc-4711", NamespaceProperty = ns, Uid = uid },
                Reason = "Approved",
                Message = "approved by bob",
                Type = "Normal",
                Source = new V1EventSource { Component = "iroperator" },
                FirstTimestamp = DateTime.UtcNow,
                LastTimestamp = DateTime.UtcNow,
                Count = 1,
            },
            ns);

        var describe = await _kubectl.RunAsync("describe", "bgg", "-n", ns, "alice-inc-4711");

        describe.ExitCode.Should().Be(0, describe.Error);
        describe.Output.Should().Contain("Approved").And.Contain("approved by bob");
    }

    [Fact]
    public async Task Each_context_is_its_user_as_the_server_sees_it()
    {
        var recorder = new UserRecorder();
        _fixture.Host.Kube.AddAdmissionCheck(recorder);
        var ns = "users-" + Guid.NewGuid().ToString("N")[..8];
        using var client = _fixture.Host.Kube.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

        // RBAC is enforced: admin lets the two write in this namespace (the real "edit" ClusterRole).
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "editors" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
                Subjects =
                [
                    new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = "alice" },
                    new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = "ir-approvers" },
                ],
            },
            ns);
        var asAlice = await _kubectl.RunAsync("--context", "alice", "create", "-f", ConfigMapFile("by-alice", ns));
        var asBob = await _kubectl.RunAsync("--context", "bob", "create", "configmap", "by-bob", "-n", ns);

        asAlice.ExitCode.Should().Be(0, asAlice.Error);
        asBob.ExitCode.Should().Be(0, asBob.Error);
        recorder.Seen["by-alice"].Username.Should().Be("alice");
        recorder.Seen["by-alice"].Groups.Should().Contain(["ir-responders", "system:authenticated"]);
        recorder.Seen["by-bob"].Groups.Should().Contain("ir-approvers");
        recorder.Seen[ns].Groups.Should().Contain("system:masters");
    }

    [Fact]
    public async Task Kubectl_typed_create_commands_work_although_they_send_protobuf()
    {
        var ns = "typed-" + Guid.NewGuid().ToString("N")[..8];

        var createNamespace = await _kubectl.RunAsync("create", "namespace", ns);
        var createConfigMap = await _kubectl.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=sandbox");
        var createSecret = await _kubectl.RunAsync("create", "secret", "generic", "creds", "-n", ns, "--from-literal=token=s3cr3t");
        using var client = _fixture.Host.Kube.CreateClient();

        createNamespace.ExitCode.Should().Be(0, createNamespace.Error);
        createConfigMap.ExitCode.Should().Be(0, createConfigMap.Error);
        createSecret.ExitCode.Should().Be(0, createSecret.Error);
        (await client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns)).Data["mode"].Should().Be("sandbox");
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("creds", ns);
        System.Text.Encoding.UTF8.GetString(secret.Data["token"]).Should().Be("s3cr3t");
        secret.Type.Should().Be("Opaque");
    }

    /// <summary>The example grant, in a namespace of its own so the other tests' apply is not disturbed; returns its uid.</summary>
    private async Task<string> CreateExampleGrantAsync(IKubernetes client, string ns)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        // The sandbox's approval policy admits a grant only from its requester: alice, with her sandbox rights there.
        SandboxGrantRoles.Apply(_fixture.Host.Kube, ns);
        var grant = Path.Combine(_fixture.Directory, ns + ".yaml");
        File.WriteAllText(grant, File.ReadAllText(Path.Combine(Examples, "20-breakglassgrant-alice-inc-4711.yaml")).Replace("namespace: incident-response", $"namespace: {ns}", StringComparison.Ordinal));
        var create = await _kubectl.RunAsync("--context", "alice", "create", "-f", grant);
        create.ExitCode.Should().Be(0, create.Error);
        var created = await client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.Nodes.JsonObject>("iroperator.io", "v1alpha1", ns, "breakglassgrants", "alice-inc-4711");
        return created["metadata"]!["uid"]!.GetValue<string>();
    }

    private string ConfigMapFile(string name, string ns)
    {
        var path = Path.Combine(_fixture.Directory, name + ".yaml");
        File.WriteAllText(path, $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\ndata:\n  k: v\n");
        return path;
    }

    private static string NextLineContaining(BlockingCollection<string> lines, string text, CancellationToken ct)
    {
        while (true)
        {
            var line = lines.Take(ct);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    private sealed class UserRecorder : IAdmissionCheck
    {
        public ConcurrentDictionary<string, Sandbox.Kube.Security.KubeUser> Seen { get; } = new();

        public void Admit(AdmissionRequest request) => Seen[request.Name] = request.User;
    }
}
