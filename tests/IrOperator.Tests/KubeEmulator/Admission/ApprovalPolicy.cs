using System.Text.Json.Nodes;

namespace IrOperator.Tests.KubeEmulator.Admission;

/// <summary>
/// A small approval rule as test material for the emulator's policy engine (the product's own policy is
/// deploy/helm/ir-operator/files/admission, tested in Controllers/Grants and Admission/): only members of
/// ir-approvers may add the approval annotation, only as themselves, never on a grant they requested.
/// Scoped by a namespace label so tests sharing an emulator do not see each other's policies.
/// </summary>
internal static class ApprovalPolicy
{
    public const string Annotation = "iroperator.io/approved-by";

    public static JsonObject Policy(string name, string namespaceLabel) => JsonNode.Parse($$"""
        {
          "apiVersion": "admissionregistration.k8s.io/v1",
          "kind": "ValidatingAdmissionPolicy",
          "metadata": { "name": "{{name}}" },
          "spec": {
            "failurePolicy": "Fail",
            "matchConstraints": {
              "namespaceSelector": { "matchLabels": { "policy-test": "{{namespaceLabel}}" } },
              "resourceRules": [ {
                "apiGroups": ["iroperator.io"], "apiVersions": ["*"],
                "operations": ["CREATE", "UPDATE"], "resources": ["breakglassgrants"]
              } ]
            },
            "variables": [
              { "name": "approver",
                "expression": "has(object.metadata.annotations) && '{{Annotation}}' in object.metadata.annotations ? object.metadata.annotations['{{Annotation}}'] : ''" },
              { "name": "previous",
                "expression": "oldObject != null && has(oldObject.metadata.annotations) && '{{Annotation}}' in oldObject.metadata.annotations ? oldObject.metadata.annotations['{{Annotation}}'] : ''" },
              { "name": "approving", "expression": "variables.approver != '' && variables.approver != variables.previous" }
            ],
            "validations": [
              { "expression": "!variables.approving || 'ir-approvers' in request.userInfo.groups",
                "message": "only members of ir-approvers may approve a grant", "reason": "Forbidden" },
              { "expression": "!variables.approving || variables.approver == request.userInfo.username",
                "messageExpression": "request.userInfo.username + ' may approve only as themselves, not as ' + variables.approver", "reason": "Forbidden" },
              { "expression": "!variables.approving || object.spec.requestedBy != request.userInfo.username",
                "messageExpression": "request.userInfo.username + ' requested this grant and cannot approve it'", "reason": "Forbidden" }
            ],
            "auditAnnotations": [
              { "key": "approved-by", "valueExpression": "variables.approving ? variables.approver : null" }
            ]
          }
        }
        """)!.AsObject();

    public static JsonObject Binding(string name, string policyName, params string[] actions) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingAdmissionPolicyBinding",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["policyName"] = policyName,
            ["validationActions"] = new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        },
    };

    /// <summary>A grant requested by <paramref name="requestedBy"/>, as in examples/.</summary>
    public static JsonObject Grant(string name, string ns, string requestedBy) => JsonNode.Parse($$"""
        {
          "apiVersion": "iroperator.io/v1alpha1",
          "kind": "BreakGlassGrant",
          "metadata": { "name": "{{name}}", "namespace": "{{ns}}" },
          "spec": {
            "role": "forensic-investigator",
            "principalArn": "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*",
            "requestedBy": "{{requestedBy}}",
            "accounts": ["333333333333"],
            "duration": "2h",
            "incident": "INC-4711",
            "reason": "Ransomware indicators on the prod web tier"
          }
        }
        """)!.AsObject();

    public static string ApprovalPatch(string approver) =>
        new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotation] = approver } } }.ToJsonString();
}
