using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Tests.KubeEmulator.Admission;

/// <summary>
/// Policies and bindings are checked when written, as the server validates them, and a policy the
/// emulator's CEL engine cannot run is refused then, naming the field, rather than skipped later.
/// </summary>
public sealed class PolicyConfigurationTests : IDisposable
{
    private static readonly ResourceType Policies = BuiltInResources.All.Single(t => t.Plural == ValidatingAdmissionPolicies.PolicyPlural);
    private static readonly ResourceType Bindings = BuiltInResources.All.Single(t => t.Plural == ValidatingAdmissionPolicies.BindingPlural);
    private static readonly KubeUser Admin = new("admin", [KubeUser.MastersGroup]);

    private readonly ObjectStore _store = new(() => 1000);
    private readonly ValidatingAdmissionPolicies _plugin;

    public PolicyConfigurationTests() => _plugin = new ValidatingAdmissionPolicies(_store);

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("object.metadata.name.format(['x'])", "compilation failed: undeclared reference to 'format'")]
    [InlineData("authorizer.group('').resource('x').check('get').allowed()", "compilation failed: 'authorizer' is not supported by the emulator (see docs/kube-emulator.md)")]
    [InlineData("params.spec.limit > 1", "compilation failed: 'params' is not supported by the emulator (see docs/kube-emulator.md)")]
    [InlineData("object.?spec.orValue(1) == 1", "compilation failed: optional field selection ('.?', '[?', '?key') is not supported by the emulator's CEL engine")]
    [InlineData("variables.nothing == 1", "compilation failed: undefined field 'nothing'")]
    [InlineData("nosuchvariable == 1", "compilation failed: undeclared reference to 'nosuchvariable'")]
    public void An_expression_the_engine_cannot_run_is_refused_naming_the_field(string expression, string detail)
    {
        var policy = Policy(new JsonArray(new JsonObject { ["expression"] = expression }));

        var refusal = Refused(Policies, policy);

        refusal.Code.Should().Be(422);
        refusal.Status["message"]!.GetValue<string>().Should().Be(
            $"ValidatingAdmissionPolicy.admissionregistration.k8s.io \"p\" is invalid: spec.validations[0].expression: Invalid value: \"{expression.Replace("\"", "\\\"", StringComparison.Ordinal)}\": {detail}");
        refusal.Status["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.validations[0].expression");
    }

    [Fact]
    public void A_syntax_error_is_refused()
    {
        var refusal = Refused(Policies, Policy(new JsonArray(new JsonObject { ["expression"] = "object.metadata.name ==" })));

        refusal.Status["message"]!.GetValue<string>().Should().Contain("spec.validations[0].expression: Invalid value: \"object.metadata.name ==\": compilation failed:");
    }

    [Fact]
    public void Message_expressions_match_conditions_variables_and_audit_annotations_are_compiled_too()
    {
        var policy = Policy(new JsonArray(new JsonObject { ["expression"] = "true", ["messageExpression"] = "nope()" }));
        policy["spec"]!["matchConditions"] = JsonNode.Parse("""[{"name": "c", "expression": "variables.v"}]""");
        policy["spec"]!["variables"] = JsonNode.Parse("""[{"name": "v", "expression": "authorizer"}]""");
        policy["spec"]!["auditAnnotations"] = JsonNode.Parse("""[{"key": "k", "valueExpression": "params.x"}]""");

        var causes = Refused(Policies, policy).Status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>());

        causes.Should().BeEquivalentTo(
            "spec.validations[0].messageExpression", "spec.matchConditions[0].expression", "spec.variables[0].expression", "spec.auditAnnotations[0].valueExpression");
    }

    [Fact]
    public void A_variable_may_read_only_the_variables_declared_before_it()
    {
        var policy = Policy(new JsonArray(new JsonObject { ["expression"] = "variables.b" }));
        policy["spec"]!["variables"] = JsonNode.Parse("""[{"name": "a", "expression": "variables.b"}, {"name": "b", "expression": "variables.a == 1"}]""");

        Refused(Policies, policy).Status["message"]!.GetValue<string>().Should().Contain("spec.variables[0].expression: Invalid value: \"variables.b\": compilation failed: undefined field 'b'");
    }

    [Fact]
    public void ParamKind_is_refused_as_unsupported()
    {
        var policy = Policy(new JsonArray(new JsonObject { ["expression"] = "true" }));
        policy["spec"]!["paramKind"] = JsonNode.Parse("""{"apiVersion": "v1", "kind": "ConfigMap"}""");

        Refused(Policies, policy).Status["message"]!.GetValue<string>().Should().Contain(
            "spec.paramKind: Forbidden: parameter resources are not supported by the emulator (see docs/kube-emulator.md)");
    }

    [Fact]
    public void A_policy_needs_match_constraints_with_resource_rules_and_something_to_check()
    {
        var policy = JsonNode.Parse("""{"metadata": {"name": "p"}, "spec": {"failurePolicy": "Sometimes"}}""")!.AsObject();

        var message = Refused(Policies, policy).Status["message"]!.GetValue<string>();

        message.Should().Contain("spec.failurePolicy: Unsupported value: \"Sometimes\": supported values: \"Fail\", \"Ignore\"")
            .And.Contain("spec.matchConstraints: Required value")
            .And.Contain("spec.validations: Required value: validations or auditAnnotations must contain at least one item");
    }

    [Fact]
    public void A_valid_policy_is_admitted()
    {
        _plugin.Invoking(p => p.Admit(new AdmissionRequest("CREATE", Policies, "", "approvals", null, ApprovalPolicy.Policy("approvals", "x"), null, Admin)))
            .Should().NotThrow();
    }

    [Theory]
    [InlineData(new[] { "Deny", "Warn" }, "spec.validationActions: Invalid value: []admissionregistration.ValidationAction{\"Deny\", \"Warn\"}: must not contain both Deny and Warn")]
    [InlineData(new string[0], "spec.validationActions: Required value: at least one validation action is required")]
    [InlineData(new[] { "Block" }, "spec.validationActions[0]: Unsupported value: \"Block\": supported values: \"Audit\", \"Deny\", \"Warn\"")]
    public void Binding_actions_are_checked(string[] actions, string expected)
    {
        var binding = ApprovalPolicy.Binding("b", "p", actions);

        Refused(Bindings, binding).Status["message"]!.GetValue<string>().Should().Contain(expected);
    }

    [Fact]
    public void A_binding_with_paramRef_is_refused_as_unsupported()
    {
        var binding = ApprovalPolicy.Binding("b", "p", "Deny");
        binding["spec"]!["paramRef"] = JsonNode.Parse("""{"name": "x", "parameterNotFoundAction": "Deny"}""");

        Refused(Bindings, binding).Status["message"]!.GetValue<string>().Should().Contain("spec.paramRef: Forbidden");
    }

    private static JsonObject Policy(JsonArray validations) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingAdmissionPolicy",
        ["metadata"] = new JsonObject { ["name"] = "p" },
        ["spec"] = new JsonObject
        {
            ["matchConstraints"] = JsonNode.Parse("""{"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["configmaps"]}]}"""),
            ["validations"] = validations,
        },
    };

    private (int Code, JsonObject Status) Refused(ResourceType type, JsonObject obj)
    {
        var e = _plugin.Invoking(p => p.Admit(new AdmissionRequest("CREATE", type, "", obj["metadata"]!["name"]!.GetValue<string>(), null, obj, null, Admin)))
            .Should().Throw<KubeApiException>().Which;
        return (e.Code, e.Status);
    }
}
