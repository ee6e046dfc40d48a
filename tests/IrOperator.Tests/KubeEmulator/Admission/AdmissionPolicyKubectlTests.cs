using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.KubeEmulator.Support;
using static IrOperator.Tests.KubeEmulator.Audit.AuditLogFile;

namespace IrOperator.Tests.KubeEmulator.Admission;

/// <summary>
/// The approval policy as a user meets it in the sandbox, with the machine's kubectl: applied as
/// admin, alice's approval of her own grant refused with the policy's message, bob's approval
/// admitted, a Warn binding printed as a kubectl warning, and all of it in the sandbox's
/// kube-audit.log with the policy's audit annotations.
/// </summary>
public sealed class AdmissionPolicyKubectlTests : IClassFixture<SandboxHostFixture>
{
    private readonly SandboxHostFixture _fixture;
    private readonly Kubectl _kubectl;

    public AdmissionPolicyKubectlTests(SandboxHostFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Host.KubeconfigPath, fixture.Directory);
    }

    private string AuditLog => Path.Combine(_fixture.Host.StateDir, SandboxHost.KubeAuditLogFile);

    [Fact]
    public async Task Alice_approving_her_own_grant_is_refused_with_the_message_and_bob_approves()
    {
        var label = await NamespaceAsync();
        var ns = "vap-" + label;
        var apply = await _kubectl.RunAsync("apply", "-f", File(ApprovalPolicy.Policy($"approvals-{label}", label)), "-f", File(ApprovalPolicy.Binding($"approvals-{label}", $"approvals-{label}", "Deny", "Audit")));
        apply.ExitCode.Should().Be(0, apply.Error);
        apply.Output.Should().Contain($"validatingadmissionpolicy.admissionregistration.k8s.io/approvals-{label} created")
            .And.Contain($"validatingadmissionpolicybinding.admissionregistration.k8s.io/approvals-{label} created");
        var create = await _kubectl.RunAsync("--context", "alice", "create", "-f", File(ApprovalPolicy.Grant("alice-grant", ns, "alice")));
        create.ExitCode.Should().Be(0, create.Error);
        var get = await _kubectl.RunAsync("get", "validatingadmissionpolicies,validatingadmissionpolicybindings", $"approvals-{label}");
        get.Output.Should().MatchRegex($@"approvals-{label}\s+3\s+<unset>").And.MatchRegex($@"approvals-{label}\s+approvals-{label}\s+<unset>");

        var byAlice = await _kubectl.RunAsync("--context", "alice", "-n", ns, "annotate", "bgg", "alice-grant", $"{ApprovalPolicy.Annotation}=alice");
        var byBob = await _kubectl.RunAsync("--context", "bob", "-n", ns, "annotate", "bgg", "alice-grant", $"{ApprovalPolicy.Annotation}=bob");

        byAlice.ExitCode.Should().NotBe(0);
        byAlice.Error.Should().Contain(
            $"Error from server (Forbidden): breakglassgrants.iroperator.io \"alice-grant\" is forbidden: ValidatingAdmissionPolicy 'approvals-{label}' with binding 'approvals-{label}' denied request: only members of ir-approvers may approve a grant");
        byBob.ExitCode.Should().Be(0, byBob.Error);
        byBob.Output.Should().Contain("breakglassgrant.iroperator.io/alice-grant annotated");

        var refused = await EventAsync(AuditLog, e => Text(e["verb"]) == "patch" && Text(e["objectRef"]?["namespace"]) == ns && Text(e["user"]?["username"]) == "alice");
        var approved = await EventAsync(AuditLog, e => Text(e["verb"]) == "patch" && Text(e["objectRef"]?["namespace"]) == ns && Text(e["user"]?["username"]) == "bob");
        refused["responseStatus"]!["code"]!.GetValue<int>().Should().Be(403);
        refused["annotations"]!["validation.policy.admission.k8s.io/validation_failure"]!.GetValue<string>().Should().Contain("only members of ir-approvers may approve a grant");
        approved["responseStatus"]!["code"]!.GetValue<int>().Should().Be(200);
        approved["objectRef"]!["name"]!.GetValue<string>().Should().Be("alice-grant");
        approved["annotations"]![$"approvals-{label}/approved-by"]!.GetValue<string>().Should().Be("bob");
    }

    [Fact]
    public async Task Kubectl_prints_the_warning_of_a_Warn_binding_and_the_change_is_made()
    {
        var label = await NamespaceAsync();
        var ns = "vap-" + label;
        var apply = await _kubectl.RunAsync("apply", "-f", File(ApprovalPolicy.Policy($"warn-{label}", label)), "-f", File(ApprovalPolicy.Binding($"warn-{label}", $"warn-{label}", "Warn")));
        apply.ExitCode.Should().Be(0, apply.Error);
        // The sandbox's own approval policy admits a grant only from its requester: alice files hers.
        var create = await _kubectl.RunAsync("--context", "alice", "create", "-f", File(ApprovalPolicy.Grant("alice-grant", ns, "alice")));
        create.ExitCode.Should().Be(0, create.Error);

        var annotate = await _kubectl.RunAsync("--context", "alice", "-n", ns, "annotate", "bgg", "alice-grant", $"{ApprovalPolicy.Annotation}=alice");

        annotate.ExitCode.Should().Be(0, annotate.Error);
        annotate.Error.Should().Contain($"Warning: Validation failed for ValidatingAdmissionPolicy 'warn-{label}' with binding 'warn-{label}': alice requested this grant and cannot approve it");
        annotate.Output.Should().Contain("annotated");
    }

    /// <summary>A namespace labelled for this test's policies; returns the label (the namespace is vap-label).</summary>
    private async Task<string> NamespaceAsync()
    {
        var label = Guid.NewGuid().ToString("N")[..8];
        var create = await _kubectl.RunAsync("create", "namespace", "vap-" + label);
        var labelled = await _kubectl.RunAsync("label", "namespace", "vap-" + label, $"policy-test={label}");
        create.ExitCode.Should().Be(0, create.Error);
        labelled.ExitCode.Should().Be(0, labelled.Error);
        SandboxGrantRoles.Apply(_fixture.Host.Kube, "vap-" + label);
        return label;
    }

    /// <summary>Writes an object for kubectl -f (JSON is YAML) and returns the path.</summary>
    private string File(JsonObject obj)
    {
        var path = Path.Combine(_fixture.Directory, Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(path, obj.ToJsonString());
        return path;
    }
}
