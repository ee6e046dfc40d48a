using System.Text.Json.Nodes;
using IrOperator.Controllers.Grants;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;
using IrOperator.Tests.KubeEmulator.Admission;
using IrOperator.Tests.Resources;
using k8s;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// The admission policy docs/approvals.md asks issue 12 to ship, run by the Kubernetes emulator's policy engine
/// over the generated BreakGlassGrant CRD: it admits exactly the approvals whose value is the writer's own name
/// and groups, and what it admits the operator reads back as that writer (docs/approvals.md).
/// </summary>
public sealed class ApprovalPolicyTests : IDisposable
{
    // The policy of docs/approvals.md, as JSON, with one difference: docs/approvals.md finds the changed keys with
    // variables.new.filter(k, ...), a macro over a map's keys; the emulator's CEL (Cel 0.3.3) iterates a map as
    // key-value pairs, so here the keys the tests use are listed. The checks on each entry are the document's.
    private const string PolicyJson = """
        {
          "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
          "metadata": { "name": "grant-approvals" },
          "spec": {
            "failurePolicy": "Fail",
            "matchConstraints": { "resourceRules": [ {
              "apiGroups": ["iroperator.io"], "apiVersions": ["*"], "operations": ["CREATE", "UPDATE"], "resources": ["breakglassgrants"] } ] },
            "variables": [
              { "name": "user", "expression": "request.userInfo.username" },
              { "name": "new", "expression": "has(object.metadata.annotations) ? object.metadata.annotations : {}" },
              { "name": "old", "expression": "oldObject != null && has(oldObject.metadata.annotations) ? oldObject.metadata.annotations : {}" },
              { "name": "isEntry", "expression": "['approval.iroperator.io/', 'denial.iroperator.io/']" },
              { "name": "keys", "expression": "['approval.iroperator.io/x', 'approval.iroperator.io/bob', 'approval.iroperator.io/alice', 'iroperator.io/revoke']" },
              { "name": "changed", "expression": "variables.keys.filter(k, k in variables.new && variables.isEntry.exists(p, k.startsWith(p)) && (!(k in variables.old) || variables.old[k] != variables.new[k]))" },
              { "name": "removed", "expression": "variables.keys.filter(k, k in variables.old && variables.isEntry.exists(p, k.startsWith(p)) && !(k in variables.new))" }
            ],
            "validations": [
              { "expression": "variables.changed.all(k, !variables.user.contains('|') && (variables.new[k] == variables.user || (variables.new[k].startsWith(variables.user + '|') && variables.new[k].substring(size(variables.user) + 1).split('|').all(g, g in request.userInfo.groups))))",
                "messageExpression": "'an approval must be your own user name ' + variables.user + ', optionally |<group> for groups you are in'" },
              { "expression": "size(variables.changed) == 0 || object.spec.requestedBy != variables.user",
                "message": "you cannot approve or deny your own grant" },
              { "expression": "variables.changed.all(k, !(k in variables.old) || variables.old[k].split('|')[0] == variables.user) && variables.removed.all(k, variables.old[k].split('|')[0] == variables.user)",
                "message": "you can only change or remove your own approval" }
            ],
            "auditAnnotations": [ { "key": "approver", "valueExpression": "size(variables.changed) > 0 ? variables.user : null" } ]
          }
        }
        """;

    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Bob = new("bob", ["ir-leads", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Carol = new("carol", ["ir-leads", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Erin = new("oidc:erin@example.com", ["oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Alice = new("alice", ["oidc:incident-commanders", KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Sneaky = new("bob|oidc:incident-commanders", [KubeUser.AuthenticatedGroup]);

    private static readonly ResourceType Grants = CustomResourceDefinitions.Compile(
        JsonNode.Parse(KubernetesJson.Serialize(GeneratedCrds.BreakGlassGrant))!.AsObject()).Single();

    private readonly ObjectStore _store = new(() => 1000);
    private readonly ValidatingAdmissionPolicies _plugin;

    public ApprovalPolicyTests()
    {
        _plugin = new ValidatingAdmissionPolicies(_store);
        var ns = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "incident-response" } };
        _store.TryCreate("/namespaces", "", "incident-response", ns);
        foreach (var (obj, plural) in new[]
                 {
                     (JsonNode.Parse(PolicyJson)!.AsObject(), ValidatingAdmissionPolicies.PolicyPlural),
                     (ApprovalPolicy.Binding("grant-approvals", "grant-approvals", "Deny"), ValidatingAdmissionPolicies.BindingPlural),
                 })
        {
            var type = BuiltInResources.All.Single(t => t.Plural == plural);
            var name = obj["metadata"]!["name"]!.GetValue<string>();
            _plugin.Admit(new AdmissionRequest("CREATE", type, "", name, null, obj, null, Admin));
            _store.TryCreate(type.StorageKey, "", name, (JsonObject)obj.DeepClone()).Should().Be(WriteOutcome.Written);
        }
    }

    public void Dispose() => _store.Dispose();

    public static TheoryData<string, KubeUser, string, bool> Approvals => new()
    {
        { "bob as himself", Bob, "bob", true },
        { "bob with a group he is in", Bob, "bob|ir-leads", true },
        { "erin, an OIDC user, through her group", Erin, "oidc:erin@example.com|oidc:incident-commanders", true },
        { "bob writing carol's name", Bob, "carol", false },
        { "bob claiming a group he is not in", Bob, "bob|oidc:incident-commanders", false },
        { "bob claiming a group in pieces", Bob, "bob|ir|leads", false },
        { "a user whose name contains the separator", Sneaky, "bob|oidc:incident-commanders", false },
        { "the requester, through a real group", Alice, "alice|oidc:incident-commanders", false },
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
            act.Should().Throw<KubeApiException>(name).Which.Code.Should().Be(422);
        }
    }

    [Fact]
    public void Nobody_overwrites_or_removes_someone_elses_approval()
    {
        var approved = WithAnnotation(Grant(), "approval.iroperator.io/bob", "bob");
        FluentActions.Invoking(() => _plugin.Admit(Update(approved, WithAnnotation(approved, "approval.iroperator.io/bob", "carol"), Carol)))
            .Should().Throw<KubeApiException>();
        var removed = (JsonObject)approved.DeepClone();
        removed["metadata"]!["annotations"]!.AsObject().Remove("approval.iroperator.io/bob");
        FluentActions.Invoking(() => _plugin.Admit(Update(approved, removed, Carol))).Should().Throw<KubeApiException>();
        FluentActions.Invoking(() => _plugin.Admit(Update(approved, removed, Bob))).Should().NotThrow("bob may withdraw his own approval");
    }

    [Fact]
    public void A_grant_cannot_arrive_approved_by_its_requester()
    {
        var grant = WithAnnotation(Grant(), "approval.iroperator.io/alice", "alice");
        FluentActions.Invoking(() => _plugin.Admit(new AdmissionRequest("CREATE", Grants, "incident-response", "g", null, grant, null, Alice)))
            .Should().Throw<KubeApiException>();
    }

    [Fact]
    public void Other_annotations_such_as_revoke_are_not_its_concern()
    {
        var before = WithAnnotation(Grant(), "approval.iroperator.io/bob", "bob");
        FluentActions.Invoking(() => _plugin.Admit(Update(before, WithAnnotation(before, "iroperator.io/revoke", "contained"), Alice)))
            .Should().NotThrow();
    }

    private static JsonObject Grant() => ApprovalPolicy.Grant("g", "incident-response", "alice");

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

    private static AdmissionRequest Update(JsonObject before, JsonObject after, KubeUser user) =>
        new("UPDATE", Grants, "incident-response", "g", null, after, before, user);
}
