using System.Diagnostics;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>
/// The sandbox's RBAC as its users meet it, with the machine's kubectl and curl and the kubeconfig the
/// sandbox wrote: <c>auth whoami</c> and <c>auth can-i</c> for each context, <c>--as</c> only with the
/// impersonate verb, and the server's refusal text.
/// </summary>
public sealed class SandboxRbacKubectlTests : IClassFixture<SandboxHostFixture>
{
    private readonly SandboxHostFixture _fixture;
    private readonly Kubectl _kubectl;

    public SandboxRbacKubectlTests(SandboxHostFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Host.KubeconfigPath, fixture.Directory);
    }

    [Theory]
    [InlineData("admin", "admin", "system:masters")]
    [InlineData("alice", "alice", "ir-responders")]
    [InlineData("bob", "bob", "ir-approvers")]
    [InlineData("carol", "carol", "ir-approvers")]
    [InlineData("iroperator", SandboxUsers.OperatorUsername, "system:serviceaccounts:iroperator-system")]
    public async Task Auth_whoami_names_each_contexts_user_and_groups(string context, string username, string group)
    {
        var whoami = await _kubectl.RunAsync("--context", context, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");

        whoami.ExitCode.Should().Be(0, whoami.Error);
        whoami.Output.Should().StartWith(username + " ").And.Contain(group).And.Contain("system:authenticated");
    }

    [Theory]
    [InlineData("alice", "create", "breakglassgrants", "", "incident-response", true)]
    [InlineData("alice", "patch", "breakglassgrants", "", "incident-response", true)]
    [InlineData("alice", "delete", "breakglassgrants", "", "incident-response", false)]
    [InlineData("alice", "patch", "breakglassgrants", "status", "incident-response", false)]
    [InlineData("alice", "create", "breakglassgrants", "", "default", false)]
    [InlineData("alice", "patch", "responderroles", "", "", false)]
    [InlineData("alice", "list", "responderroles", "", "", true)]
    [InlineData("bob", "patch", "breakglassgrants", "", "incident-response", true)]
    [InlineData("bob", "create", "breakglassgrants", "", "incident-response", false)]
    [InlineData("carol", "get", "breakglassgrants", "", "incident-response", true)]
    [InlineData("iroperator", "patch", "breakglassgrants", "status", "incident-response", true)]
    [InlineData("iroperator", "patch", "responderroles", "status", "", true)]
    [InlineData("iroperator", "update", "responderroles", "status", "", false)]
    [InlineData("iroperator", "create", "responderroles", "", "", false)]
    [InlineData("iroperator", "update", "leases/iroperator-leader", "", "iroperator-system", true)]
    [InlineData("iroperator", "update", "leases/other", "", "iroperator-system", false)]
    [InlineData("iroperator", "create", "leases", "", "iroperator-system", true)]
    [InlineData("iroperator", "get", "secrets", "", "iroperator-system", false)]
    [InlineData("admin", "delete", "responderroles", "", "", true)]
    public async Task Auth_can_i_answers_for_each_user(string context, string verb, string resource, string subresource, string ns, bool allowed)
    {
        var args = new List<string> { "--context", context, "auth", "can-i", verb, resource };
        if (subresource.Length > 0)
        {
            args.Add("--subresource=" + subresource);
        }

        if (ns.Length > 0)
        {
            args.AddRange(["-n", ns]);
        }

        var canI = await _kubectl.RunAsync([.. args]);

        canI.Output.Trim().Should().Be(allowed ? "yes" : "no", canI.Error);
        canI.ExitCode.Should().Be(allowed ? 0 : 1);
    }

    [Fact]
    public async Task Auth_can_i_list_shows_alices_rules_in_her_namespace()
    {
        var list = await _kubectl.RunAsync("--context", "alice", "auth", "can-i", "--list", "-n", "incident-response");

        list.ExitCode.Should().Be(0, list.Error);
        list.Output.Should().Contain("breakglassgrants.iroperator.io").And.Contain("[create get list watch patch]").And.Contain("[/apis/*]");
    }

    [Fact]
    public async Task As_works_for_admin_and_is_refused_for_alice_with_the_servers_message()
    {
        var admin = await _kubectl.RunAsync("--as", "bob", "--as-group", "ir-approvers", "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
        var adminCanI = await _kubectl.RunAsync("--as", "bob", "--as-group", "ir-approvers", "auth", "can-i", "patch", "bgg", "-n", "incident-response");
        var alice = await _kubectl.RunAsync("--context", "alice", "--as", "bob", "--as-group", "ir-approvers", "get", "bgg", "-n", "incident-response");

        admin.ExitCode.Should().Be(0, admin.Error);
        admin.Output.Should().Be("bob [\"ir-approvers\",\"system:authenticated\"]");
        adminCanI.Output.Trim().Should().Be("yes");
        alice.ExitCode.Should().NotBe(0);
        alice.Error.Should().Contain("Error from server (Forbidden): users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task Kubectl_as_alice_creates_a_grant_and_is_refused_a_ResponderRole_with_the_exact_message()
    {
        var grant = await _kubectl.RunAsync("--context", "alice", "create", "-f", Path.Combine(AppContext.BaseDirectory, "examples", "20-breakglassgrant-alice-inc-4711.yaml"));
        var role = await _kubectl.RunAsync("--context", "alice", "create", "-f", Path.Combine(AppContext.BaseDirectory, "examples", "10-responderrole-security-analyst.yaml"));

        grant.ExitCode.Should().Be(0, grant.Error);
        grant.Output.Should().Contain("breakglassgrant.iroperator.io/alice-inc-4711 created");
        role.ExitCode.Should().NotBe(0);
        role.Error.Trim().Should().Be(
            "Error from server (Forbidden): error when creating \"" + Path.Combine(AppContext.BaseDirectory, "examples", "10-responderrole-security-analyst.yaml")
            + "\": responderroles.iroperator.io is forbidden: User \"alice\" cannot create resource \"responderroles\" in API group \"iroperator.io\" at the cluster scope");
    }

    [Fact]
    public async Task Kubectl_create_role_and_rolebinding_take_effect_at_once_and_delete_revokes_at_once()
    {
        var ns = "kubectl-rbac-" + Guid.NewGuid().ToString("N")[..8];
        (await _kubectl.RunAsync("create", "namespace", ns)).ExitCode.Should().Be(0);

        var before = await _kubectl.RunAsync("--context", "carol", "auth", "can-i", "get", "configmaps/settings", "-n", ns);
        var role = await _kubectl.RunAsync("create", "role", "settings-reader", "--verb=get", "--resource=configmaps", "--resource-name=settings", "-n", ns);
        var binding = await _kubectl.RunAsync("create", "rolebinding", "carol-reads", "--role=settings-reader", "--user=carol", "-n", ns);
        var granted = await _kubectl.RunAsync("--context", "carol", "auth", "can-i", "get", "configmaps/settings", "-n", ns);
        var otherName = await _kubectl.RunAsync("--context", "carol", "auth", "can-i", "get", "configmaps/other", "-n", ns);
        var delete = await _kubectl.RunAsync("delete", "rolebinding", "carol-reads", "-n", ns);
        var after = await _kubectl.RunAsync("--context", "carol", "auth", "can-i", "get", "configmaps/settings", "-n", ns);

        before.Output.Trim().Should().Be("no");
        role.ExitCode.Should().Be(0, role.Error);
        binding.ExitCode.Should().Be(0, binding.Error);
        granted.Output.Trim().Should().Be("yes");
        otherName.Output.Trim().Should().Be("no");
        delete.ExitCode.Should().Be(0, delete.Error);
        after.Output.Trim().Should().Be("no");
    }

    [Fact]
    public async Task Curl_with_alices_token_gets_the_403_Status_and_with_an_impersonation_header_too()
    {
        var token = _fixture.Host.Kube.TokenOf("alice");
        var url = new Uri(_fixture.Host.Kube.BaseUri, "/apis/iroperator.io/v1alpha1/responderroles/security-analyst").ToString();
        var ca = Path.Combine(_fixture.Host.StateDir, SandboxHost.KubeCaFile);

        var patch = await CurlAsync("--cacert", ca, "-s", "-w", "\n%{http_code}", "-X", "PATCH", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: application/merge-patch+json", "-d", """{"spec":{"description":"x"}}""", url);
        var impersonating = await CurlAsync("--cacert", ca, "-s", "-w", "\n%{http_code}", "-H", $"Authorization: Bearer {token}", "-H", "Impersonate-User: admin", url);

        patch.Code.Should().Be("403");
        patch.Status["reason"]!.GetValue<string>().Should().Be("Forbidden");
        patch.Status["message"]!.GetValue<string>().Should().Be(
            "responderroles.iroperator.io \"security-analyst\" is forbidden: User \"alice\" cannot patch resource \"responderroles\" in API group \"iroperator.io\" at the cluster scope");
        impersonating.Code.Should().Be("403");
        impersonating.Status["message"]!.GetValue<string>().Should().Be(
            "users \"admin\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    }

    /// <summary>Runs curl, which is given <c>-w "\n%{http_code}"</c>: returns the status code (last line) and the Status body.</summary>
    private static async Task<(string Code, JsonObject Status)> CurlAsync(params string[] args)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("curl did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        var split = output.LastIndexOf('\n');
        return (output[(split + 1)..], JsonNode.Parse(output[..split])!.AsObject());
    }
}
