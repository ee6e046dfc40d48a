using System.Text.Json.Nodes;
using IrOperator.Controllers.Grants;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;
using IrOperator.Tests.Resources;
using k8s;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// The approval admission policy the chart ships (deploy/helm/ir-operator/files/admission, as the sandbox applies it),
/// run by the Kubernetes emulator's policy engine over the generated BreakGlassGrant CRD: it admits exactly the
/// approvals whose value is the writer's own name and groups, and what it admits the operator reads back as that
/// writer (docs/approvals.md). The same rules through kubectl and the audit log: Admission/ApprovalPolicyKubectlTests.
/// </summary>
public sealed class ApprovalPolicyTests : IDisposable
{
    private const string Operator = "system:serviceaccount:iroperator-system:iroperator";

    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Bob = new("bob", ["ir-approvers", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Carol = new("carol", ["ir-approvers", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Erin = new("oidc:erin@example.com", ["ir-approvers", "oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Alice = new("alice", ["ir-responders", "oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser OidcAlice = new("oidc:alice", ["ir-responders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Dave = new("dave", ["ir-responders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Sneaky = new("bob|oidc:incident-commanders", ["ir-approvers", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser OperatorAccount = new(Operator, ["system:serviceaccounts", "system:serviceaccounts:iroperator-system", KubeUser.AuthenticatedGroup]);

    private static readonly ResourceType Grants = CustomResourceDefinitions.Compile(
        JsonNode.Parse(KubernetesJson.Serialize(GeneratedCrds.BreakGlassGrant))!.AsObject()).Single();

    private readonly ObjectStore _store = new(() => 1000);
    private readonly ValidatingAdmissionPolicies _plugin;

    public ApprovalPolicyTests()
    {
        _plugin = new ValidatingAdmissionPolicies(_store);
        var ns = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "incident-response" } };
        _store.TryCreate("/namespaces", "", "incident-response", ns);
        foreach (var (_, yaml) in SandboxAdmission.Manifests)
        {
            foreach (var document in KubernetesYaml.LoadAllFromString(yaml))
            {
                var obj = JsonNode.Parse(KubernetesJson.Serialize(document))!.AsObject();
                var type = BuiltInResources.All.Single(t => t.Kind == obj["kind"]!.GetValue<string>() && t.Group == ValidatingAdmissionPolicies.Group);
                var name = obj["metadata"]!["name"]!.GetValue<string>();
                // Admitted first: the plugin compiles every expression of a policy when it is written.
                _plugin.Admit(new AdmissionRequest("CREATE", type, "", name, null, obj, null, Admin));
                _store.TryCreate(type.StorageKey, "", name, (JsonObject)obj.DeepClone()).Should().Be(WriteOutcome.Written);
            }
        }
    }

    public void Dispose() => _store.Dispose();

    public static TheoryData<string, KubeUser, string, bool> Approvals => new()
    {
        { "bob as himself", Bob, "bob", true },
        { "bob with a group he is in", Bob, "bob|ir-approvers", true },
        { "erin, an OIDC user, through her group", Erin, "oidc:erin@example.com|oidc:incident-commanders", true },
        { "bob writing carol's name", Bob, "carol", false },
        { "bob claiming a group he is not in", Bob, "bob|oidc:incident-commanders", false },
        { "bob claiming a group in pieces", Bob, "bob|ir|approvers", false },
        { "a user whose name contains the separator", Sneaky, "bob|oidc:incident-commanders", false },
        { "the requester, not an approver, through a real group", Alice, "alice|oidc:incident-commanders", false },
        { "a responder who is not an approver, as himself", Dave, "dave", false },
    };

    [Theory]
    [MemberData(nameof(Approvals))]
    public void Admits_only_the_writers_own_name_and_groups(string name, KubeUser writer, string value, bool admitted)
    {
        var before = Grant();
        var after = WithAnnotation(before, "approval.iroperator.io/x", value);
        var act = () => _plugin.Admit(Update(before, after, writer));
        if (admitted)
        {
            act.Should().NotThrow(name);
            // What the policy admitted, the operator reads as the writer, with groups the writer has.
            var claim = ApprovalClaim.Parse("approval.iroperator.io/x", value, out _)!;
            claim.User.Should().Be(writer.Username);
            claim.Groups.Should().BeSubsetOf(writer.Groups);
        }
        else
        {
            act.Should().Throw<KubeApiException>(name).Which.Code.Should().Be(403);
        }
    }

    [Theory]
    [InlineData("approval.iroperator.io/bob")]
    [InlineData("denial.iroperator.io/bob")]
    public void An_approver_cannot_approve_or_deny_a_grant_they_requested(string key)
    {
        var grant = Grant("bob");
        Refusal(() => _plugin.Admit(Update(grant, WithAnnotation(grant, key, "bob"), Bob)))
            .Should().Contain("bob requested this grant and cannot approve or deny it");
    }

    [Fact]
    public void The_requester_is_recognized_after_the_operators_prefix_mapping()
    {
        // requestedBy "erin@example.com" is the OIDC user oidc:erin@example.com once "oidc:" is stripped, as the
        // operator's SourceIdentityRule maps it: the same person, so she cannot approve it.
        var grant = Grant("erin@example.com");
        Refusal(() => _plugin.Admit(Update(grant, WithAnnotation(grant, "approval.iroperator.io/erin", "oidc:erin@example.com"), Erin)))
            .Should().Contain("requested this grant");
    }

    [Fact]
    public void Nobody_overwrites_or_removes_someone_elses_approval()
    {
        var approved = WithAnnotation(Grant(), "approval.iroperator.io/bob", "bob");
        Refusal(() => _plugin.Admit(Update(approved, WithAnnotation(approved, "approval.iroperator.io/bob", "carol"), Carol)))
            .Should().Contain("you can only change or remove your own approval or denial");
        var removed = Without(approved, "approval.iroperator.io/bob");
        Refusal(() => _plugin.Admit(Update(approved, removed, Carol))).Should().Contain("you can only change or remove your own approval or denial");
        FluentActions.Invoking(() => _plugin.Admit(Update(approved, removed, Bob))).Should().NotThrow("bob may withdraw his own approval");
    }

    [Theory]
    [InlineData("alice", "alice", true)]
    [InlineData("oidc:alice", "alice", true)]
    [InlineData("alice", "oidc:alice", true)]
    [InlineData("alice", "bob", false)]
    [InlineData("dave", "alice", false)]
    [InlineData("admin", "alice", false)]
    public void A_grant_names_its_creator_as_requester(string creator, string requestedBy, bool admitted)
    {
        var user = creator switch
        {
            "alice" => Alice,
            "oidc:alice" => OidcAlice,
            "dave" => Dave,
            _ => Admin,
        };
        var act = () => _plugin.Admit(Create(Grant(requestedBy), user));
        if (admitted)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<KubeApiException>().Which.Message.Should().Contain($"spec.requestedBy must name you ({creator}), not {requestedBy}");
        }
    }

    [Fact]
    public void A_grant_cannot_arrive_approved_by_its_requester()
    {
        var grant = WithAnnotation(Grant("bob"), "approval.iroperator.io/bob", "bob");
        Refusal(() => _plugin.Admit(Create(grant, Bob))).Should().Contain("bob requested this grant");
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("bob", true)]
    [InlineData("dave", false)]
    public void Only_the_requester_or_an_approver_revokes(string who, bool admitted)
    {
        var user = who switch { "alice" => Alice, "bob" => Bob, _ => Dave };
        var before = WithAnnotation(Grant(), "approval.iroperator.io/bob", "bob");
        var act = () => _plugin.Admit(Update(before, WithAnnotation(before, "iroperator.io/revoke", "contained"), user));
        if (admitted)
        {
            act.Should().NotThrow();
        }
        else
        {
            Refusal(act).Should().Contain("dave neither requested this grant nor is an approver, and cannot revoke it");
        }
    }

    [Fact]
    public void Only_the_operator_removes_its_finalizer()
    {
        var held = Grant();
        held["metadata"]!["finalizers"] = new JsonArray("iroperator.io/cleanup");
        var released = (JsonObject)held.DeepClone();
        released["metadata"]!.AsObject().Remove("finalizers");

        Refusal(() => _plugin.Admit(Update(held, released, Admin))).Should().Contain("only the operator (" + Operator + ") may remove the finalizer iroperator.io/cleanup");
        FluentActions.Invoking(() => _plugin.Admit(Update(held, released, OperatorAccount))).Should().NotThrow();
        FluentActions.Invoking(() => _plugin.Admit(Update(Grant(), held, OperatorAccount))).Should().NotThrow("adding it is the operator's first step");
    }

    [Fact]
    public void Each_approval_is_an_audit_annotation_and_other_writes_carry_none()
    {
        var before = Grant();
        var approval = Update(before, WithAnnotation(before, "approval.iroperator.io/erin", "oidc:erin@example.com|oidc:incident-commanders"), Erin);
        var label = Update(before, WithAnnotation(before, "example.com/note", "x"), Dave);

        _plugin.Admit(approval);
        _plugin.Admit(label);

        approval.Effects.AuditAnnotations.Should().Equal(new Dictionary<string, string>
        {
            ["iroperator-grant-approvals/approvals"] = "approval.iroperator.io/erin=oidc:erin@example.com|oidc:incident-commanders",
        });
        label.Effects.AuditAnnotations.Should().BeEmpty();
    }

    private static string Refusal(Action act)
    {
        var refusal = act.Should().Throw<KubeApiException>().Which;
        refusal.Code.Should().Be(403);
        return refusal.Message;
    }

    private static JsonObject Grant(string requestedBy = "alice")
    {
        var grant = JsonNode.Parse($$"""
            {
              "apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant",
              "metadata": { "name": "g", "namespace": "incident-response" },
              "spec": {
                "role": "forensic-investigator",
                "principalArn": "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*",
                "requestedBy": "{{requestedBy}}", "accounts": ["333333333333"], "duration": "2h",
                "incident": "INC-4711", "reason": "Ransomware indicators on the prod web tier"
              }
            }
            """)!.AsObject();
        return grant;
    }

    private static JsonObject WithAnnotation(JsonObject grant, string key, string value)
    {
        var copy = (JsonObject)grant.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }
        annotations[key] = value;
        return copy;
    }

    private static JsonObject Without(JsonObject grant, string key)
    {
        var copy = (JsonObject)grant.DeepClone();
        copy["metadata"]!["annotations"]!.AsObject().Remove(key);
        return copy;
    }

    private static AdmissionRequest Create(JsonObject grant, KubeUser user) =>
        new("CREATE", Grants, "incident-response", "g", null, grant, null, user);

    private static AdmissionRequest Update(JsonObject before, JsonObject after, KubeUser user) =>
        new("UPDATE", Grants, "incident-response", "g", null, after, before, user);
}
