using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// A Swagger 2.0 document derived from the OpenAPI v3 documents, for kubectl before 1.29, whose
/// <c>apply</c> and <c>explain</c> read <c>/openapi/v2</c> (as protobuf, see <see cref="OpenApiV2Protobuf"/>)
/// and fail when it is missing. It holds the definitions only (no paths: those clients learn
/// field-validation support from v3): every v3 component schema, with <c>#/components/schemas/</c>
/// references rewritten to <c>#/definitions/</c>, single-reference <c>allOf</c> flattened, and what
/// Swagger 2.0 cannot say (anyOf, oneOf, not, nullable) dropped. A kind whose schema is only partial
/// here (built-ins marked x-kubernetes-preserve-unknown-fields) loses its
/// x-kubernetes-group-version-kind, so kubectl falls back to its compiled-in types for it instead of
/// refusing fields this document does not list. See docs/kube-emulator.md.
/// </summary>
public static class OpenApiV2Builder
{
    private const string V3Prefix = "#/components/schemas/";
    private static readonly ConditionalWeakTable<OpenApiV3Snapshot, OpenApiV2Document> Cache = new();

    /// <summary>The v2 document of a snapshot, built once per snapshot.</summary>
    public static OpenApiV2Document For(OpenApiV3Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Cache.GetValue(snapshot, s =>
        {
            var document = Build(s);
            return new OpenApiV2Document(document.ToJsonString(), OpenApiV2Protobuf.Encode(document));
        });
    }

    public static JsonObject Build(OpenApiV3Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var document in snapshot.Documents.Values)
        {
            if (JsonNode.Parse(document.Json)?["components"]?["schemas"] is JsonObject components)
            {
                foreach (var (name, schema) in components)
                {
                    if (schema is not null && !schemas.ContainsKey(name))
                    {
                        schemas[name] = schema;
                    }
                }
            }
        }

        var definitions = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            var converted = Convert(schema);
            if (converted["x-kubernetes-preserve-unknown-fields"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            {
                converted.Remove("x-kubernetes-group-version-kind");
            }

            definitions[name] = converted;
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
    }

    private static JsonObject Convert(JsonNode node)
    {
        var result = new JsonObject();
        if (node is not JsonObject schema)
        {
            return result;
        }

        if (schema["allOf"] is JsonArray { Count: 1 } allOf && allOf[0]?["$ref"] is { } wrapped)
        {
            result["$ref"] = Reference(wrapped);
        }

        foreach (var (key, value) in schema)
        {
            if (value is null || result.ContainsKey(key))
            {
                continue;
            }

            switch (key)
            {
                case "$ref":
                    result["$ref"] = Reference(value);
                    break;
                case "properties" when value is JsonObject properties:
                    var converted = new JsonObject();
                    foreach (var (property, propertySchema) in properties)
                    {
                        converted[property] = Convert(propertySchema ?? new JsonObject());
                    }

                    result["properties"] = converted;
                    break;
                case "items":
                    result["items"] = Convert(value);
                    break;
                case "additionalProperties":
                    result["additionalProperties"] = value is JsonObject ? Convert(value) : value.DeepClone();
                    break;
                case "allOf" when !result.ContainsKey("$ref") && value is JsonArray parts:
                    result["allOf"] = new JsonArray(parts.Select(p => (JsonNode?)Convert(p ?? new JsonObject())).ToArray());
                    break;
                case "type" or "format" or "title" or "description" or "default" or "multipleOf" or "maximum" or "exclusiveMaximum"
                    or "minimum" or "exclusiveMinimum" or "maxLength" or "minLength" or "pattern" or "maxItems" or "minItems"
                    or "uniqueItems" or "maxProperties" or "minProperties" or "required" or "enum" or "example":
                    result[key] = value.DeepClone();
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = value.DeepClone();
                    }

                    break;
            }
        }

        if (result.ContainsKey("$ref"))
        {
            // A reference may carry a description; a default or a type beside it is not valid Swagger 2.0.
            foreach (var key in result.Select(p => p.Key).Where(k => k is not ("$ref" or "description")).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static string Reference(JsonNode value)
    {
        var text = value.GetValue<string>();
        return text.StartsWith(V3Prefix, StringComparison.Ordinal) ? "#/definitions/" + text[V3Prefix.Length..] : text;
    }
}
