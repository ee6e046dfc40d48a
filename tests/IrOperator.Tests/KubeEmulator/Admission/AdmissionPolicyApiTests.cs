using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.KubeEmulator.Support;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator.Admission;

/// <summary>
/// ValidatingAdmissionPolicy through KubernetesClient and raw HTTPS: the approval policy refuses
/// self-approval and approvals by non-approvers with the server's Status, admits an approver
/// approving as themselves; Warn sends a warning header; a policy the engine cannot run is refused.
/// Each test scopes its policy to a namespace of its own by label.
/// </summary>
public sealed class AdmissionPolicyApiTests : IClassFixture<KubeEmulatorFixture>
{
    private readonly KubeEmulatorFixture _fixture;

    public AdmissionPolicyApiTests(KubeEmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task The_approval_policy_refuses_alice_and_self_approval_and_lets_bob_approve()
    {
        var (ns, label) = await NamespaceAsync();
        await InstallAsync(ApprovalPolicy.Policy($"approvals-{label}", label), ApprovalPolicy.Binding($"approvals-{label}-binding", $"approvals-{label}", "Deny"));
        using var alice = _fixture.Emulator.CreateClient("alice");
        using var bob = _fixture.Emulator.CreateClient("bob");
        using var carol = _fixture.Emulator.CreateClient("carol");
        await alice.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("alice-grant", ns, "alice"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");
        // carol is an approver, not a requester (sandbox RBAC): admin files the grant in her name.
        await _fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("carol-grant", ns, "carol"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");

        var (aliceCode, aliceStatus) = await KubeErrors.StatusOfAsync(() => ApproveAsync(alice, ns, "alice-grant", "alice"));
        var (carolCode, carolStatus) = await KubeErrors.StatusOfAsync(() => ApproveAsync(carol, ns, "carol-grant", "carol"));
        var (asOtherCode, asOtherStatus) = await KubeErrors.StatusOfAsync(() => ApproveAsync(bob, ns, "alice-grant", "carol"));
        await ApproveAsync(bob, ns, "alice-grant", "bob");

        aliceCode.Should().Be(403);
        aliceStatus["reason"]!.GetValue<string>().Should().Be("Forbidden");
        aliceStatus["message"]!.GetValue<string>().Should().Be(
            $"breakglassgrants.iroperator.io \"alice-grant\" is forbidden: ValidatingAdmissionPolicy 'approvals-{label}' with binding 'approvals-{label}-binding' denied request: only members of ir-approvers may approve a grant");
        carolCode.Should().Be(403);
        carolStatus["message"]!.GetValue<string>().Should().EndWith("denied request: carol requested this grant and cannot approve it");
        asOtherCode.Should().Be(403);
        asOtherStatus["message"]!.GetValue<string>().Should().EndWith("denied request: bob may approve only as themselves, not as carol");
        var grant = await _fixture.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("iroperator.io", "v1alpha1", ns, "breakglassgrants", "alice-grant");
        grant["metadata"]!["annotations"]![ApprovalPolicy.Annotation]!.GetValue<string>().Should().Be("bob");
        var carols = await _fixture.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("iroperator.io", "v1alpha1", ns, "breakglassgrants", "carol-grant");
        carols["metadata"]!["annotations"].Should().BeNull("the refused approval was not stored");
    }

    [Fact]
    public async Task A_policy_with_an_expression_the_engine_cannot_run_is_refused_at_creation()
    {
        var policy = ApprovalPolicy.Policy("unsupported-" + Guid.NewGuid().ToString("N")[..8], "none");
        policy["spec"]!["validations"]![0]!["expression"] = "authorizer.group('').resource('breakglassgrants').check('patch').allowed()";

        var (code, status) = await KubeErrors.StatusOfAsync(() =>
            _fixture.Admin.AdmissionregistrationV1.CreateValidatingAdmissionPolicyAsync(KubernetesJson.Deserialize<V1ValidatingAdmissionPolicy>(policy.ToJsonString())));

        code.Should().Be(422);
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        status["message"]!.GetValue<string>().Should().Contain("spec.validations[0].expression: Invalid value: \"authorizer.group('')")
            .And.Contain("compilation failed: 'authorizer' is not supported by the emulator");
        var policies = await _fixture.Admin.AdmissionregistrationV1.ListValidatingAdmissionPolicyAsync();
        policies.Items.Should().NotContain(p => p.Metadata.Name == policy["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Warn_admits_and_sends_the_servers_warning_header()
    {
        var (ns, label) = await NamespaceAsync();
        await InstallAsync(ApprovalPolicy.Policy($"warn-{label}", label), ApprovalPolicy.Binding($"warn-{label}-binding", $"warn-{label}", "Warn"));
        await _fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("g", ns, "alice"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");
        using var http = _fixture.Emulator.CreateHttpClient("alice");
        using var content = new StringContent(ApprovalPolicy.ApprovalPatch("alice"), Encoding.UTF8, "application/merge-patch+json");

        using var response = await http.PatchAsync($"apis/iroperator.io/v1alpha1/namespaces/{ns}/breakglassgrants/g", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // alice is no approver and approves her own grant: two validations fail, each a warning.
        response.Headers.GetValues("Warning").Should().Equal(
            $"299 - \"Validation failed for ValidatingAdmissionPolicy 'warn-{label}' with binding 'warn-{label}-binding': only members of ir-approvers may approve a grant\"",
            $"299 - \"Validation failed for ValidatingAdmissionPolicy 'warn-{label}' with binding 'warn-{label}-binding': alice requested this grant and cannot approve it\"");
    }

    [Fact]
    public async Task A_policy_on_DELETE_sees_the_old_object_and_can_refuse()
    {
        var (ns, label) = await NamespaceAsync();
        var policy = JsonNode.Parse($$$"""
            {
              "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
              "metadata": {"name": "keep-approved-{{{label}}}"},
              "spec": {
                "matchConstraints": {
                  "namespaceSelector": {"matchLabels": {"policy-test": "{{{label}}}"}},
                  "resourceRules": [{"apiGroups": ["iroperator.io"], "apiVersions": ["v1alpha1"], "operations": ["DELETE"], "resources": ["breakglassgrants"]}]
                },
                "validations": [{
                  "expression": "object == null && !(has(oldObject.metadata.annotations) && 'iroperator.io/approved-by' in oldObject.metadata.annotations)",
                  "messageExpression": "'approved grant ' + oldObject.metadata.name + ' is kept for the record'"
                }]
              }
            }
            """)!.AsObject();
        await InstallAsync(policy, ApprovalPolicy.Binding($"keep-approved-{label}", $"keep-approved-{label}", "Deny"));
        var approved = ApprovalPolicy.Grant("approved", ns, "alice");
        approved["metadata"]!["annotations"] = new JsonObject { [ApprovalPolicy.Annotation] = "bob" };
        await _fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(approved, "iroperator.io", "v1alpha1", ns, "breakglassgrants");
        await _fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(ApprovalPolicy.Grant("pending", ns, "alice"), "iroperator.io", "v1alpha1", ns, "breakglassgrants");

        var (code, status) = await KubeErrors.StatusOfAsync(() =>
            _fixture.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync("iroperator.io", "v1alpha1", ns, "breakglassgrants", "approved"));
        await _fixture.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync("iroperator.io", "v1alpha1", ns, "breakglassgrants", "pending");

        code.Should().Be(422);
        status["message"]!.GetValue<string>().Should().EndWith("denied request: approved grant approved is kept for the record");
    }

    [Fact]
    public async Task Policies_and_bindings_are_served_and_read_back_through_the_typed_client()
    {
        var (_, label) = await NamespaceAsync();
        await InstallAsync(ApprovalPolicy.Policy($"typed-{label}", label), ApprovalPolicy.Binding($"typed-{label}", $"typed-{label}", "Deny", "Audit"));

        var policy = await _fixture.Admin.AdmissionregistrationV1.ReadValidatingAdmissionPolicyAsync($"typed-{label}");
        var binding = await _fixture.Admin.AdmissionregistrationV1.ReadValidatingAdmissionPolicyBindingAsync($"typed-{label}");

        policy.Spec.Validations.Should().HaveCount(3);
        policy.Spec.Variables.Select(v => v.Name).Should().Equal("approver", "previous", "approving");
        binding.Spec.ValidationActions.Should().Equal("Deny", "Audit");
    }

    private static Task ApproveAsync(IKubernetes client, string ns, string grant, string approver) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(ApprovalPolicy.ApprovalPatch(approver), V1Patch.PatchType.MergePatch), "iroperator.io", "v1alpha1", ns, "breakglassgrants", grant);

    private async Task<(string Namespace, string Label)> NamespaceAsync()
    {
        var label = Guid.NewGuid().ToString("N")[..8];
        var ns = "vap-" + label;
        await _fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = ns, Labels = new Dictionary<string, string> { ["policy-test"] = label } },
        });
        SandboxGrantRoles.Apply(_fixture.Emulator, ns);
        return (ns, label);
    }

    /// <summary>Creates the policy and its binding with the typed client, as an operator's chart would.</summary>
    private async Task InstallAsync(JsonObject policy, JsonObject binding)
    {
        await _fixture.Admin.AdmissionregistrationV1.CreateValidatingAdmissionPolicyAsync(KubernetesJson.Deserialize<V1ValidatingAdmissionPolicy>(policy.ToJsonString()));
        await _fixture.Admin.AdmissionregistrationV1.CreateValidatingAdmissionPolicyBindingAsync(KubernetesJson.Deserialize<V1ValidatingAdmissionPolicyBinding>(binding.ToJsonString()));
    }
}
