using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Printing;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Storage;

namespace IrOperator.Sandbox.Kube.Resources;

/// <summary>
/// What the apiextensions server does with a CRD: checks it (names, scope, one storage version, schemas
/// that compile), turns each served version into a <see cref="ResourceType"/>, and reports it established.
/// </summary>
public static class CustomResourceDefinitions
{
    public const string Group = "apiextensions.k8s.io";
    public const string Plural = "customresourcedefinitions";
    private const string Kind = "CustomResourceDefinition";

    /// <summary>Refuses an invalid CRD with the 422 the server sends, naming the field.</summary>
    public static IReadOnlyList<ResourceType> Compile(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var spec = crd["spec"] as JsonObject;
        var errors = new List<FieldError>();
        var group = Text(spec?["group"]);
        var names = spec?["names"] as JsonObject;
        var plural = Text(names?["plural"]);
        var kind = Text(names?["kind"]);
        var scope = Text(spec?["scope"]);
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }

        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }

        if (kind.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }

        if (name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", scope, ["Cluster", "Namespaced"]));
        }

        var versions = (spec?["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count > 0 && versions.Count(v => v["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", FieldError.OmittedValue, "must have exactly one version marked as storage version"));
        }

        IReadOnlyDictionary<string, StructuralSchema> schemas = new Dictionary<string, StructuralSchema>();
        try
        {
            schemas = CustomResourceSchemas.Compile(crd);
        }
        catch (SchemaException e)
        {
            errors.AddRange(e.Errors);
        }

        var types = new List<ResourceType>();
        foreach (var version in versions.Where(v => v["served"]?.GetValue<bool>() != false))
        {
            var versionName = Text(version["name"]);
            if (!schemas.TryGetValue(versionName, out var schema))
            {
                continue;
            }

            var frozenCrd = crd.DeepClone();
            types.Add(new ResourceType(
                group,
                versionName,
                plural,
                Text(names?["singular"]) is { Length: > 0 } singular ? singular : kind.ToLowerInvariant(),
                kind,
                scope == "Namespaced",
                version["subresources"]?["status"] is not null,
                Strings(names?["shortNames"]),
                Strings(names?["categories"]),
                schema,
                time => TableBuilder.ForCustomResource(frozenCrd, versionName, time)));
        }

        if (errors.Count > 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(Group, Kind, name, errors));
        }

        return types;
    }

    /// <summary>The status the server reports once a CRD's names are accepted and its resources are served.</summary>
    public static void Establish(JsonObject crd, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd["spec"]!;
        var time = Timestamps.Format(now);
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", time),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", time)),
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray(
                (spec["versions"] as JsonArray)?.OfType<JsonObject>()
                    .Where(v => v["storage"]?.GetValue<bool>() == true)
                    .Select(v => (JsonNode?)JsonValue.Create(Text(v["name"])))
                    .ToArray() ?? []),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(Text).Where(s => s.Length > 0).ToList() ?? [];
}
