using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Tests.KubeEmulator;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.KubeEmulator.Support;
using static IrOperator.Tests.KubeEmulator.Audit.AuditLogFile;

namespace IrOperator.Tests.Admission;

/// <summary>
/// The chart's approval admission policy as the sandbox's users meet it, with the machine's kubectl and their
/// kubeconfig contexts (docs/approvals.md): each rule admitted and refused, and each refusal in the sandbox's API
/// server audit log with the user who was refused. Every test works in a namespace of its own, where alice (and,
/// for some tests, bob and a second responder) have the sandbox's requester rights.
/// </summary>
public sealed class ApprovalPolicyKubectlTests : IClassFixture<SandboxHostFixture>
{
    private const string Policy = "iroperator-grant-approvals";

    private readonly SandboxHostFixture _fixture;
    private readonly Kubectl _kubectl;

    public ApprovalPolicyKubectlTests(SandboxHostFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Host.KubeconfigPath, fixture.Directory);
    }

    private string AuditLog => Path.Combine(_fixture.Host.StateDir, SandboxHost.KubeAuditLogFile);

    [Fact]
    public async Task An_approver_approves_a_grant_and_the_audit_log_records_the_approval()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");

        var approve = await AnnotateAsync(ns, "bob", "approval.iroperator.io/bob=bob|ir-approvers");

        approve.ExitCode.Should().Be(0, approve.Error);
        var approved = await EventAsync(AuditLog, e => Is(e, ns, "patch", "bob", 200));
        approved["annotations"]![$"{Policy}/approvals"]!.GetValue<string>().Should().Be("approval.iroperator.io/bob=bob|ir-approvers");
        approved["user"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Contain("ir-approvers");
    }

    [Fact]
    public async Task Self_approval_is_refused_even_for_an_approver()
    {
        // bob is an approver who may also request here (an on-call lead): his own grant is not his to approve.
        var ns = await NamespaceAsync(requesters: ["bob"]);
        await CreateAsync(ns, "bob", "bob");

        var approve = await AnnotateAsync(ns, "bob", "approval.iroperator.io/bob=bob");

        await RefusedAsync(approve, ns, "patch", "bob", "bob requested this grant and cannot approve or deny it");
    }

    [Fact]
    public async Task A_non_approver_cannot_approve()
    {
        var ns = await NamespaceAsync(requesters: ["bob"]);
        await CreateAsync(ns, "bob", "bob");

        var approve = await AnnotateAsync(ns, "alice", "approval.iroperator.io/alice=alice");

        await RefusedAsync(approve, ns, "patch", "alice", "alice is not in an approver group (ir-approvers) and cannot approve or deny a grant");
    }

    [Fact]
    public async Task Approving_in_someone_elses_name_is_refused()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");

        var asBob = await AnnotateAsync(ns, "carol", "approval.iroperator.io/bob=bob");
        var claimingAGroup = await AnnotateAsync(ns, "carol", "approval.iroperator.io/carol=carol|ir-responders");

        await RefusedAsync(asBob, ns, "patch", "carol", "an approval or denial must be your own user name carol, optionally followed by |<group> for groups you are in");
        claimingAGroup.ExitCode.Should().NotBe(0, "carol is not in ir-responders");
    }

    [Fact]
    public async Task Forging_requestedBy_is_refused()
    {
        var ns = await NamespaceAsync();

        var create = await _kubectl.RunAsync("--context", "alice", "create", "-f", GrantFile(ns, "bob"));

        await RefusedAsync(create, ns, "create", "alice", "spec.requestedBy must name you (alice), not bob");
    }

    [Fact]
    public async Task Nobody_changes_or_removes_anothers_approval_but_its_author_may_withdraw_it()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");
        (await AnnotateAsync(ns, "bob", "approval.iroperator.io/bob=bob")).ExitCode.Should().Be(0);

        var removed = await AnnotateAsync(ns, "carol", "approval.iroperator.io/bob-");
        await RefusedAsync(removed, ns, "patch", "carol", "you can only change or remove your own approval or denial");
        var changed = await AnnotateAsync(ns, "carol", "--overwrite", "approval.iroperator.io/bob=carol");
        changed.ExitCode.Should().NotBe(0);
        changed.Error.Should().Contain("you can only change or remove your own approval or denial");

        var withdrawn = await AnnotateAsync(ns, "bob", "approval.iroperator.io/bob-");
        withdrawn.ExitCode.Should().Be(0, withdrawn.Error);
        (await EventAsync(AuditLog, e => Is(e, ns, "patch", "bob", 200) && e["annotations"]?[$"{Policy}/withdrawn"] is not null))
            ["annotations"]![$"{Policy}/withdrawn"]!.GetValue<string>().Should().Be("approval.iroperator.io/bob");
    }

    [Fact]
    public async Task The_requester_revokes_their_own_grant()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");

        var revoke = await AnnotateAsync(ns, "alice", "iroperator.io/revoke=contained");

        revoke.ExitCode.Should().Be(0, revoke.Error);
        (await EventAsync(AuditLog, e => Is(e, ns, "patch", "alice", 200)))["annotations"]![$"{Policy}/revoke"]!.GetValue<string>().Should().Be("contained");
    }

    [Fact]
    public async Task A_responder_who_neither_requested_nor_approves_cannot_revoke()
    {
        var dave = "dave-" + Guid.NewGuid().ToString("N")[..6];
        _fixture.Host.Kube.AddUser(dave, SandboxUsers.RespondersGroup);
        var kubeconfig = _fixture.Host.Kube.WriteKubeconfig(Path.Combine(_fixture.Directory, dave + ".kubeconfig"));
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");

        var revoke = await new Kubectl(kubeconfig, _fixture.Directory).RunAsync("--context", dave, "-n", ns, "annotate", "bgg", "grant", "iroperator.io/revoke=mine now");

        await RefusedAsync(revoke, ns, "patch", dave, $"{dave} neither requested this grant nor is an approver, and cannot revoke it");
        var byApprover = await AnnotateAsync(ns, "carol", "iroperator.io/revoke=contained");
        byApprover.ExitCode.Should().Be(0, "approvers may revoke: " + byApprover.Error);
    }

    [Fact]
    public async Task Only_the_operator_removes_its_finalizer()
    {
        var ns = await NamespaceAsync();
        await CreateAsync(ns, "alice", "alice");
        var add = await _kubectl.RunAsync("-n", ns, "patch", "bgg", "grant", "--type=merge", "-p", """{"metadata":{"finalizers":["iroperator.io/cleanup"]}}""");
        add.ExitCode.Should().Be(0, add.Error);

        var byAdmin = await _kubectl.RunAsync("-n", ns, "patch", "bgg", "grant", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        var byOperator = await _kubectl.RunAsync("--context", SandboxUsers.OperatorServiceAccount, "-n", ns, "patch", "bgg", "grant", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");

        await RefusedAsync(byAdmin, ns, "patch", "admin", $"only the operator ({SandboxUsers.OperatorUsername}) may remove the finalizer iroperator.io/cleanup");
        byOperator.ExitCode.Should().Be(0, byOperator.Error);
    }

    /// <summary>kubectl failed with the policy's 403 and message, and the audit log holds the refused request with its user.</summary>
    private async Task RefusedAsync((int ExitCode, string Output, string Error) result, string ns, string verb, string user, string message)
    {
        result.ExitCode.Should().NotBe(0, "the policy refuses it");
        result.Error.Should().Contain($"Error from server (Forbidden)").And.Contain(
            $"is forbidden: ValidatingAdmissionPolicy '{Policy}' with binding '{Policy}' denied request: {message}");
        var refused = await EventAsync(AuditLog, e => Is(e, ns, verb, user, 403));
        refused["responseStatus"]!["message"]!.GetValue<string>().Should().Contain(message);
        refused["annotations"]![ValidatingAdmissionPolicies.ValidationFailureAnnotation]!.GetValue<string>().Should().Contain(message);
    }

    private static bool Is(JsonObject e, string ns, string verb, string user, int code) =>
        Text(e["verb"]) == verb && Text(e["objectRef"]?["namespace"]) == ns && Text(e["objectRef"]?["resource"]) == "breakglassgrants"
        && Text(e["user"]?["username"]) == user && e["responseStatus"]?["code"]?.GetValue<int>() == code;

    /// <summary>A namespace with the sandbox's requester and approver roles; <paramref name="requesters"/> may also request there.</summary>
    private async Task<string> NamespaceAsync(params string[] requesters)
    {
        var ns = "approvals-" + Guid.NewGuid().ToString("N")[..8];
        var create = await _kubectl.RunAsync("create", "namespace", ns);
        create.ExitCode.Should().Be(0, create.Error);
        SandboxGrantRoles.Apply(_fixture.Host.Kube, ns);
        foreach (var user in requesters)
        {
            var bind = await _kubectl.RunAsync("-n", ns, "create", "rolebinding", $"requester-{user}", "--role=iroperator-grant-requester", $"--user={user}");
            bind.ExitCode.Should().Be(0, bind.Error);
        }
        return ns;
    }

    private async Task CreateAsync(string ns, string user, string requestedBy)
    {
        var create = await _kubectl.RunAsync("--context", user, "create", "-f", GrantFile(ns, requestedBy));
        create.ExitCode.Should().Be(0, create.Error);
    }

    private Task<(int ExitCode, string Output, string Error)> AnnotateAsync(string ns, string user, params string[] args) =>
        _kubectl.RunAsync(["--context", user, "-n", ns, "annotate", "bgg", "grant", .. args]);

    private string GrantFile(string ns, string requestedBy)
    {
        var path = Path.Combine(_fixture.Directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, ApprovalPolicy.Grant("grant", ns, requestedBy).ToJsonString());
        return path;
    }
}
