using System.Text.Json.Nodes;
using IrOperator.Schema;

namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>A BreakGlassGrant-like schema exercising every rule type, and helpers to build objects.</summary>
internal static class GrantSchema
{
    public const string Json = """
    {
      "type": "object",
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"type": "object"},
        "spec": {
          "type": "object",
          "required": ["incident", "roleName"],
          "x-kubernetes-validations": [
            {"rule": "self == oldSelf", "message": "spec is immutable"},
            {"rule": "duration(self.duration) <= duration('12h')", "messageExpression": "'duration ' + self.duration + ' exceeds 12h'"},
            {"rule": "!self.principalArn.endsWith('*') || self.principalArn.contains('AWSReservedSSO_')", "fieldPath": ".principalArn", "reason": "FieldValueForbidden", "message": "a wildcard is only allowed as an Identity Center role suffix"}
          ],
          "properties": {
            "roleName": {"type": "string", "pattern": "^[\\w+=,.@-]{1,64}$"},
            "incident": {"type": "string", "minLength": 1},
            "reason": {"type": "string", "maxLength": 10},
            "principalArn": {"type": "string", "default": "arn:aws:iam::111122223333:role/responder"},
            "duration": {"type": "string", "default": "1h"},
            "preset": {"type": "string", "enum": ["IncidentCommander", "SecurityAnalyst"]},
            "minApprovals": {"type": "integer", "minimum": 1, "maximum": 2, "default": 1},
            "weight": {"type": "number", "exclusiveMinimum": true, "minimum": 0},
            "accounts": {"type": "array", "maxItems": 2, "minItems": 1, "items": {"type": "string", "pattern": "^\\d{12}$"}},
            "tags": {"type": "object", "maxProperties": 2, "additionalProperties": {"type": "string", "maxLength": 5,
              "x-kubernetes-validations": [{"rule": "self.lowerAscii() == self", "message": "must be lower case"}]}},
            "notBefore": {"type": "string", "format": "date-time"},
            "port": {"x-kubernetes-int-or-string": true},
            "note": {"type": "string", "nullable": true},
            "approvers": {"type": "object", "minProperties": 1, "properties": {
               "users": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
               "count": {"type": "integer", "default": 1}}},
            "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {
               "known": {"type": "object", "properties": {"a": {"type": "string"}}}}},
            "entries": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], "items": {
               "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "value": {"type": "string"}},
               "x-kubernetes-validations": [{"rule": "!has(oldSelf.value) || self.value == oldSelf.value", "message": "value is immutable"}]}}
          }
        },
        "status": {"type": "object", "properties": {"phase": {"type": "string"}}}
      }
    }
    """;

    private static readonly Lazy<StructuralSchema> CompiledSchema = new(() => StructuralSchema.Parse(JsonNode.Parse(Json)!));

    public static StructuralSchema Structural => CompiledSchema.Value;

    /// <summary>A valid grant; <paramref name="spec"/> fields (JSON) replace the defaults.</summary>
    public static JsonObject Grant(string spec = "{}")
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "iroperator.io/v1alpha1",
            ["kind"] = "BreakGlassGrant",
            ["metadata"] = new JsonObject { ["name"] = "g1", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["roleName"] = "ir-forensics",
                ["incident"] = "INC-4711",
                ["duration"] = "2h",
                ["principalArn"] = "arn:aws:iam::444455556666:role/responder",
            },
        };
        foreach (var (key, value) in JsonNode.Parse(spec)!.AsObject())
        {
            obj["spec"]![key] = value?.DeepClone();
        }

        return obj;
    }

    public static IReadOnlyList<string> Errors(JsonObject obj, JsonObject? old = null) =>
        Structural.Validate(obj, old).Select(e => e.ToString()).ToList();
}
