using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>Compiles every version's schema of a CustomResourceDefinition, as the server does when the CRD is written.</summary>
public static class CustomResourceSchemas
{
    /// <summary>
    /// The compiled schema per version name. Throws one <see cref="SchemaException"/> with the errors of
    /// all versions, each under <c>spec.versions[i].schema.openAPIV3Schema</c> (a version without a schema
    /// is refused, as apiextensions.k8s.io/v1 requires one).
    /// </summary>
    public static IReadOnlyDictionary<string, StructuralSchema> Compile(JsonNode crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var result = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var versions = crd["spec"]?["versions"] as JsonArray ?? [];
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            var basePath = $"spec.versions[{i}].schema.openAPIV3Schema";
            var name = versions[i]?["name"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
            if (versions[i]?["schema"]?["openAPIV3Schema"] is not JsonObject schema)
            {
                errors.Add(FieldError.Required(basePath, "schemas are required"));
                continue;
            }

            try
            {
                result[name] = StructuralSchema.Parse(schema, basePath);
            }
            catch (SchemaException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        return result;
    }
}
