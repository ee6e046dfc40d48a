using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Tests.KubeEmulator.Admission;

/// <summary>
/// The ValidatingAdmissionPolicy plugin on its own, over a store it reads policies, bindings and
/// namespaces from: matching, CEL variables, actions, failurePolicy, and the refusal texts.
/// </summary>
public sealed class PolicyEvaluationTests : IDisposable
{
    private static readonly ResourceType ConfigMaps = BuiltInResources.All.Single(t => t.Plural == "configmaps");
    private static readonly ResourceType Policies = BuiltInResources.All.Single(t => t.Plural == ValidatingAdmissionPolicies.PolicyPlural);
    private static readonly ResourceType Bindings = BuiltInResources.All.Single(t => t.Plural == ValidatingAdmissionPolicies.BindingPlural);
    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
    private static readonly KubeUser Alice = new("alice", ["ir-responders", KubeUser.AuthenticatedGroup]);

    private readonly ObjectStore _store = new(() => 1000);
    private readonly ValidatingAdmissionPolicies _plugin;

    public PolicyEvaluationTests()
    {
        _plugin = new ValidatingAdmissionPolicies(_store);
        foreach (var (ns, team) in new[] { ("team-a", "a"), ("team-b", "b") })
        {
            var labels = new JsonObject { ["team"] = team, ["policy-test"] = team };
            _store.TryCreate("/namespaces", "", ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = labels } });
        }
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void A_failed_validation_with_Deny_refuses_with_the_servers_422_and_wording()
    {
        Install(Policy("data-required", """[{"expression": "has(object.data)"}]"""), Binding("data-required-binding", "data-required", "Deny"));

        var refusal = Refused(Create(ConfigMap("cm1")));

        refusal.Code.Should().Be(422);
        refusal.Status["reason"]!.GetValue<string>().Should().Be("Invalid");
        refusal.Status["message"]!.GetValue<string>().Should().Be(
            "configmaps \"cm1\" is forbidden: ValidatingAdmissionPolicy 'data-required' with binding 'data-required-binding' denied request: failed expression: has(object.data)");
        refusal.Status["details"]!["kind"]!.GetValue<string>().Should().Be("configmaps");
        refusal.Status["details"]!["causes"]![0]!["message"]!.GetValue<string>().Should().StartWith("ValidatingAdmissionPolicy 'data-required'");
    }

    [Fact]
    public void A_passing_validation_admits()
    {
        Install(Policy("data-required", """[{"expression": "has(object.data)"}]"""), Binding("b", "data-required", "Deny"));

        var act = () => _plugin.Admit(Create(ConfigMap("cm1", data: """{"k":"v"}""")));

        act.Should().NotThrow();
    }

    [Fact]
    public void Reason_sets_the_code_and_message_expression_the_message()
    {
        Install(
            Policy("no-alice", """[{"expression": "request.userInfo.username != 'alice'", "messageExpression": "'user ' + request.userInfo.username + ' may not ' + request.operation.lowerAscii()", "reason": "Forbidden"}]"""),
            Binding("b", "no-alice", "Deny"));

        var refusal = Refused(Create(ConfigMap("cm1"), Alice));

        refusal.Code.Should().Be(403);
        refusal.Status["reason"]!.GetValue<string>().Should().Be("Forbidden");
        refusal.Status["message"]!.GetValue<string>().Should().EndWith("denied request: user alice may not create");
    }

    [Fact]
    public void Message_is_used_when_the_message_expression_fails()
    {
        Install(
            Policy("p", """[{"expression": "false", "message": "static message", "messageExpression": "object.missing"}]"""),
            Binding("b", "p", "Deny"));

        Refused(Create(ConfigMap("cm1"))).Status["message"]!.GetValue<string>().Should().EndWith("denied request: static message");
    }

    [Fact]
    public void Warn_adds_a_warning_and_admits()
    {
        Install(Policy("p", """[{"expression": "false", "message": "looks wrong"}]"""), Binding("b", "p", "Warn"));
        var request = Create(ConfigMap("cm1"));

        _plugin.Admit(request);

        request.Effects.Warnings.Should().Equal("Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': looks wrong");
    }

    [Fact]
    public void Audit_records_the_failure_as_the_servers_annotation_and_admits()
    {
        Install(Policy("p", """[{"expression": "true"}, {"expression": "false", "message": "looks wrong"}]"""), Binding("b", "p", "Audit"));
        var request = Create(ConfigMap("cm1"));

        _plugin.Admit(request);

        var value = JsonNode.Parse(request.Effects.AuditAnnotations[ValidatingAdmissionPolicies.ValidationFailureAnnotation])!;
        value.ToJsonString().Should().Be("""[{"message":"looks wrong","policy":"p","binding":"b","expressionIndex":1,"validationActions":["Audit"]}]""");
        request.Effects.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Audit_annotations_are_published_under_the_policy_name_and_null_or_empty_values_are_left_out()
    {
        Install(
            PolicyWith("p", """
                "auditAnnotations": [
                  {"key": "who", "valueExpression": "request.userInfo.username"},
                  {"key": "none", "valueExpression": "null"},
                  {"key": "empty", "valueExpression": "'  '"}
                ]
                """),
            Binding("b", "p", "Deny"));
        var request = Create(ConfigMap("cm1"), Alice);

        _plugin.Admit(request);

        request.Effects.AuditAnnotations.Should().BeEquivalentTo(new Dictionary<string, string> { ["p/who"] = "alice" });
    }

    [Fact]
    public void Namespace_selector_limits_the_policy_to_matching_namespaces()
    {
        Install(
            Policy("p", """[{"expression": "false"}]""", constraints: """{"namespaceSelector": {"matchLabels": {"team": "a"}}, "resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["configmaps"]}]}"""),
            Binding("b", "p", "Deny"));

        Refused(Create(ConfigMap("cm1", ns: "team-a"))).Code.Should().Be(422);
        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1", ns: "team-b")))).Should().NotThrow();
    }

    [Theory]
    [InlineData("CREATE", """["UPDATE"]""", """["configmaps"]""", false)]
    [InlineData("CREATE", """["*"]""", """["configmaps"]""", true)]
    [InlineData("CREATE", """["CREATE"]""", """["secrets"]""", false)]
    [InlineData("CREATE", """["CREATE"]""", """["*"]""", true)]
    [InlineData("CREATE", """["CREATE"]""", """["configmaps/status"]""", false)]
    [InlineData("CREATE", """["CREATE"]""", """["configmaps/*"]""", true)]
    public void Resource_rules_match_operations_and_resources_as_the_server_does(string operation, string operations, string resources, bool matches)
    {
        Install(
            Policy("p", """[{"expression": "false"}]""", constraints: $$"""{"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": {{operations}}, "resources": {{resources}}}]}"""),
            Binding("b", "p", "Deny"));
        var request = new AdmissionRequest(operation, ConfigMaps, "team-a", "cm1", null, ConfigMap("cm1"), null, Admin);

        var act = () => _plugin.Admit(request);

        if (matches)
        {
            act.Should().Throw<KubeApiException>();
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    [Theory]
    [InlineData("""["configmaps/status"]""", true)]
    [InlineData("""["configmaps/*"]""", true)]
    [InlineData("""["*/*"]""", true)]
    [InlineData("""["configmaps"]""", false)]
    public void A_status_update_matches_only_rules_naming_the_subresource(string resources, bool matches)
    {
        Install(
            Policy("p", """[{"expression": "request.subResource != 'status'", "message": "status is the operator's"}]""",
                constraints: $$"""{"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["UPDATE"], "resources": {{resources}}}]}"""),
            Binding("b", "p", "Deny"));
        var request = new AdmissionRequest("UPDATE", ConfigMaps, "team-a", "cm1", "status", ConfigMap("cm1"), ConfigMap("cm1"), Admin);

        var act = () => _plugin.Admit(request);

        if (matches)
        {
            act.Should().Throw<KubeApiException>().Which.Status["message"]!.GetValue<string>().Should().EndWith("denied request: status is the operator's");
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void Binding_match_resources_narrow_the_policy()
    {
        var binding = Binding("b", "p", "Deny");
        binding["spec"]!["matchResources"] = JsonNode.Parse("""{"namespaceSelector": {"matchLabels": {"team": "b"}}}""");
        Install(Policy("p", """[{"expression": "false"}]"""), binding);

        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1", ns: "team-a")))).Should().NotThrow();
        Refused(Create(ConfigMap("cm1", ns: "team-b"))).Code.Should().Be(422);
    }

    [Fact]
    public void Object_selector_matches_the_objects_labels()
    {
        Install(
            Policy("p", """[{"expression": "false"}]""", constraints: """{"objectSelector": {"matchExpressions": [{"key": "guarded", "operator": "Exists"}]}, "resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["configmaps"]}]}"""),
            Binding("b", "p", "Deny"));
        var guarded = ConfigMap("cm1");
        guarded["metadata"]!["labels"] = new JsonObject { ["guarded"] = "yes" };

        Refused(Create(guarded)).Code.Should().Be(422);
        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm2")))).Should().NotThrow();
    }

    [Fact]
    public void Match_conditions_that_are_false_skip_the_policy()
    {
        Install(
            PolicyWith("p", """
                "matchConditions": [{"name": "only-alice", "expression": "request.userInfo.username == 'alice'"}],
                "validations": [{"expression": "false", "message": "no"}]
                """),
            Binding("b", "p", "Deny"));

        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1"), Admin))).Should().NotThrow();
        Refused(Create(ConfigMap("cm1"), Alice)).Status["message"]!.GetValue<string>().Should().EndWith("denied request: no");
    }

    [Fact]
    public void An_evaluation_error_denies_under_failurePolicy_Fail_with_the_servers_text()
    {
        Install(Policy("p", """[{"expression": "object.data.missing == 'x'"}]"""), Binding("b", "p", "Deny"));

        var refusal = Refused(Create(ConfigMap("cm1", data: """{"k":"v"}""")));

        refusal.Status["message"]!.GetValue<string>().Should().EndWith(
            "denied request: expression 'object.data.missing == 'x'' resulted in error: no such key: missing");
        refusal.Status["reason"]!.GetValue<string>().Should().Be("Invalid");
    }

    [Fact]
    public void An_evaluation_error_admits_under_failurePolicy_Ignore()
    {
        Install(Policy("p", """[{"expression": "object.data.missing == 'x'"}]""", failurePolicy: "Ignore"), Binding("b", "p", "Deny"));

        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1", data: """{"k":"v"}""")))).Should().NotThrow();
    }

    [Fact]
    public void On_delete_object_is_null_and_oldObject_is_the_stored_object()
    {
        Install(
            Policy("keep", """[{"expression": "object == null && oldObject.metadata.name != 'precious'", "message": "precious stays"}]""",
                constraints: """{"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["DELETE"], "resources": ["configmaps"]}]}"""),
            Binding("b", "keep", "Deny"));

        Refused(new AdmissionRequest("DELETE", ConfigMaps, "team-a", "precious", null, null, ConfigMap("precious"), Admin)).Status["message"]!
            .GetValue<string>().Should().EndWith("denied request: precious stays");
        _plugin.Invoking(p => p.Admit(new AdmissionRequest("DELETE", ConfigMaps, "team-a", "other", null, null, ConfigMap("other"), Admin))).Should().NotThrow();
    }

    [Fact]
    public void Request_carries_operation_namespace_name_dryRun_and_the_namespace_object()
    {
        Install(
            Policy("p", """[{"expression": "request.operation == 'CREATE' && request.namespace == 'team-a' && request.name == 'cm1' && request.dryRun && request.kind.kind == 'ConfigMap' && request.resource.resource == 'configmaps' && namespaceObject.metadata.labels.team == 'a'"}]"""),
            Binding("b", "p", "Deny"));

        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1")) with { DryRun = true })).Should().NotThrow();
        Refused(Create(ConfigMap("cm1"))).Code.Should().Be(422, "dryRun is false");
    }

    [Fact]
    public void The_approval_policy_refuses_non_approvers_approving_as_others_and_self_approval_and_admits_the_rest()
    {
        Install(ApprovalPolicy.Policy("approvals", "a"), Binding("approvals-binding", "approvals", "Deny"));
        var grants = BuiltInResources.All[0] with { Group = "iroperator.io", Version = "v1alpha1", Plural = "breakglassgrants", Kind = "BreakGlassGrant", Namespaced = true };
        var bob = new KubeUser("bob", ["ir-approvers", KubeUser.AuthenticatedGroup]);
        var carol = new KubeUser("carol", ["ir-approvers", KubeUser.AuthenticatedGroup]);
        AdmissionRequest Approve(string requestedBy, string approver, KubeUser user)
        {
            var old = ApprovalPolicy.Grant("g", "team-a", requestedBy);
            var approved = (JsonObject)old.DeepClone();
            approved["metadata"]!["annotations"] = new JsonObject { [ApprovalPolicy.Annotation] = approver };
            return new AdmissionRequest("UPDATE", grants, "team-a", "g", null, approved, old, user);
        }

        Refused(Approve("alice", "alice", Alice)).Status["message"]!.GetValue<string>().Should().Be(
            "breakglassgrants.iroperator.io \"g\" is forbidden: ValidatingAdmissionPolicy 'approvals' with binding 'approvals-binding' denied request: only members of ir-approvers may approve a grant");
        Refused(Approve("alice", "carol", bob)).Status["message"]!.GetValue<string>().Should().EndWith("bob may approve only as themselves, not as carol");
        Refused(Approve("carol", "carol", carol)).Status["message"]!.GetValue<string>().Should().EndWith("carol requested this grant and cannot approve it");
        var approval = Approve("alice", "bob", bob);
        _plugin.Admit(approval);
        approval.Effects.AuditAnnotations.Should().Contain("approvals/approved-by", "bob");
        _plugin.Invoking(p => p.Admit(new AdmissionRequest("CREATE", grants, "team-a", "g", null, ApprovalPolicy.Grant("g", "team-a", "alice"), null, Alice)))
            .Should().NotThrow("a grant without an approval is no approval");
    }

    [Theory]
    [InlineData("request.userInfo.username.split('-')[0].upperAscii() == 'ALICE'", true)]
    [InlineData("request.userInfo.groups.exists(g, g.startsWith('ir-'))", true)]
    [InlineData("request.userInfo.groups.all(g, g.endsWith('ers'))", false)]
    [InlineData("object.data.all(k, k in ['mode', 'level'])", true)]
    [InlineData("'mode' in object.data && object.data['mode'].contains('break')", true)]
    [InlineData("object.metadata.labels.team == 'red' && has(object.metadata.labels)", true)]
    [InlineData("has(object.metadata.annotations)", false)]
    [InlineData("size(object.data) == 2 && object.data.level.matches('^[0-9]+$')", true)]
    public void Policies_can_use_the_kubernetes_string_and_list_functions(string expression, bool holds)
    {
        Install(Policy("p", new JsonArray(new JsonObject { ["expression"] = expression }).ToJsonString()), Binding("b", "p", "Deny"));
        var cm = ConfigMap("cm1", data: """{"mode": "break-glass", "level": "2"}""");
        cm["metadata"]!["labels"] = new JsonObject { ["team"] = "red" };

        var act = () => _plugin.Admit(Create(cm, new KubeUser("alice-smith", ["ir-responders", KubeUser.AuthenticatedGroup])));

        if (holds)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<KubeApiException>().Which.Status["message"]!.GetValue<string>().Should().EndWith($"failed expression: {expression}");
        }
    }

    [Theory]
    [InlineData("Fail", true)]
    [InlineData("Ignore", false)]
    public void A_stored_policy_that_does_not_compile_follows_its_failure_policy(string failurePolicy, bool denies)
    {
        // Written around the API's checks (straight into the store), as a policy from an older emulator could be.
        var broken = Policy("broken", """[{"expression": "nosuch()"}]""", failurePolicy: failurePolicy);
        _store.TryCreate(Policies.StorageKey, "", "broken", broken);
        Install(null, Binding("b", "broken", "Deny"));

        var act = () => _plugin.Admit(Create(ConfigMap("cm1")));

        if (denies)
        {
            act.Should().Throw<KubeApiException>().Which.Status["message"]!.GetValue<string>().Should().Be(
                "configmaps \"cm1\" is forbidden: ValidatingAdmissionPolicy 'broken' denied request: failed to configure policy: spec.validations[0].expression: Invalid value: \"nosuch()\": compilation failed: undeclared reference to 'nosuch'");
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void A_binding_to_a_missing_policy_does_nothing()
    {
        Install(null, Binding("b", "nowhere", "Deny"));

        _plugin.Invoking(p => p.Admit(Create(ConfigMap("cm1")))).Should().NotThrow();
    }

    private static JsonObject ConfigMap(string name, string ns = "team-a", string? data = null)
    {
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };
        if (data is not null)
        {
            cm["data"] = JsonNode.Parse(data);
        }

        return cm;
    }

    private static AdmissionRequest Create(JsonObject obj, KubeUser? user = null) =>
        new("CREATE", ConfigMaps, obj["metadata"]!["namespace"]!.GetValue<string>(), obj["metadata"]!["name"]!.GetValue<string>(), null, obj, null, user ?? Admin);

    private static JsonObject Policy(string name, string validations, string? constraints = null, string failurePolicy = "Fail") =>
        PolicyWith(name, $"\"validations\": {validations}", constraints, failurePolicy);

    private static JsonObject PolicyWith(string name, string body, string? constraints = null, string failurePolicy = "Fail") => JsonNode.Parse($$"""
        {
          "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
          "metadata": {"name": "{{name}}"},
          "spec": {
            "failurePolicy": "{{failurePolicy}}",
            "matchConstraints": {{constraints ?? """{"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"], "resources": ["configmaps"]}]}"""}},
            {{body}}
          }
        }
        """)!.AsObject();

    private static JsonObject Binding(string name, string policy, params string[] actions) => ApprovalPolicy.Binding(name, policy, actions);

    private (int Code, JsonObject Status) Refused(AdmissionRequest request)
    {
        var e = _plugin.Invoking(p => p.Admit(request)).Should().Throw<KubeApiException>().Which;
        return (e.Code, e.Status);
    }

    /// <summary>Stores a policy and a binding as the API would: each passes the plugin's own check first.</summary>
    private void Install(JsonObject? policy, JsonObject binding)
    {
        foreach (var (obj, type) in new[] { (policy, Policies), (binding, Bindings) })
        {
            if (obj is null)
            {
                continue;
            }

            var name = obj["metadata"]!["name"]!.GetValue<string>();
            _plugin.Admit(new AdmissionRequest("CREATE", type, "", name, null, obj, null, Admin));
            _store.TryCreate(type.StorageKey, "", name, (JsonObject)obj.DeepClone()).Should().Be(WriteOutcome.Written);
        }
    }
}
