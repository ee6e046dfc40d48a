using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// Builds the OpenAPI v3 documents the API server publishes (<c>/openapi/v3</c> and one document per
/// group-version) from the installed CRDs and the built-in kinds the emulator serves.
/// kubectl apply fetches these first: it finds the group-version in the index, the PATCH operation of
/// the object's kind (to decide whether the server validates with <c>fieldValidation</c>), and schemas
/// by their <c>x-kubernetes-group-version-kind</c> extension. Custom resource schemas are the CRD's
/// <c>openAPIV3Schema</c> with apiVersion, kind and metadata (an ObjectMeta reference) added, under the
/// real component names (<c>io.iroperator.v1alpha1.ResponderRole</c>). Built-in kinds get permissive
/// schemas (any fields): the emulator validates them, not kubectl.
/// </summary>
public sealed class OpenApiV3Builder
{
    private readonly IReadOnlyList<BuiltInKind> _builtIns;

    public OpenApiV3Builder()
        : this(BuiltInKinds.Default)
    {
    }

    public OpenApiV3Builder(IReadOnlyList<BuiltInKind> builtIns) => _builtIns = builtIns ?? throw new ArgumentNullException(nameof(builtIns));

    /// <summary>Builds every document; CRD versions with <c>served: false</c> are left out, as on the server.</summary>
    public OpenApiV3Snapshot Build(IEnumerable<JsonNode> crds)
    {
        ArgumentNullException.ThrowIfNull(crds);
        var kinds = _builtIns.Select(BuiltIn).Concat(crds.SelectMany(Custom));
        var documents = new SortedDictionary<string, OpenApiV3Document>(StringComparer.Ordinal);
        foreach (var group in kinds.GroupBy(k => k.GroupVersionPath))
        {
            var json = Document(group.ToList()).ToJsonString();
            documents[group.Key] = new OpenApiV3Document(group.Key, json, Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json))));
        }

        var index = new JsonObject();
        foreach (var (path, document) in documents)
        {
            index[path] = new JsonObject { ["serverRelativeURL"] = document.ServerRelativeUrl };
        }

        return new OpenApiV3Snapshot(new JsonObject { ["paths"] = index }.ToJsonString(), documents);
    }

    private static JsonObject Document(List<PublishedKind> kinds)
    {
        var paths = new JsonObject();
        var schemas = MetaSchemas.Components();
        foreach (var k in kinds)
        {
            OpenApiOperations.AddPaths(paths, k);
            schemas[k.SchemaName] = k.Schema;
            schemas[k.ListSchemaName] = ListSchema(k);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static IEnumerable<PublishedKind> Custom(JsonNode crd)
    {
        var spec = crd["spec"] ?? throw new ArgumentException("CRD has no spec", nameof(crd));
        var group = Text(spec["group"]);
        var kind = Text(spec["names"]?["kind"]);
        var listKind = Text(spec["names"]?["listKind"]);
        var plural = Text(spec["names"]?["plural"]);
        var namespaced = Text(spec["scope"]) != "Cluster";
        foreach (var version in spec["versions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (version["served"] is JsonValue served && served.GetValueKind() == JsonValueKind.False)
            {
                continue;
            }

            var name = Text(version["name"]);
            var schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            yield return new PublishedKind(
                group,
                name,
                kind,
                listKind.Length > 0 ? listKind : kind + "List",
                plural,
                namespaced,
                PublishedKind.CustomSchemaName(group, name, kind),
                ResourceSchema(schema, group, name, kind),
                version["subresources"]?["status"] is not null);
        }
    }

    private static PublishedKind BuiltIn(BuiltInKind b)
    {
        var schema = new JsonObject
        {
            ["description"] = $"{b.Kind} (served by the IrOperator sandbox's API emulator).",
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        return new PublishedKind(b.Group, b.Version, b.Kind, b.Kind + "List", b.Plural, b.Namespaced, $"{b.SchemaPrefix}.{b.Kind}",
            ResourceSchema(schema, b.Group, b.Version, b.Kind), HasStatus: b.Kind is "Namespace" or "CustomResourceDefinition");
    }

    /// <summary>The kind's schema with apiVersion, kind and metadata set and its GVK extension.</summary>
    private static JsonObject ResourceSchema(JsonObject schema, string group, string version, string kind)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            properties = new JsonObject();
            schema["properties"] = properties;
        }

        properties["apiVersion"] = MetaSchemas.ApiVersionProperty();
        properties["kind"] = MetaSchemas.KindProperty();
        properties["metadata"] = MetaSchemas.MetadataProperty(MetaSchemas.ObjectMeta);
        schema["x-kubernetes-group-version-kind"] = Gvk(group, version, kind);
        return schema;
    }

    private static JsonObject ListSchema(PublishedKind k) => new()
    {
        ["description"] = $"{k.ListKind} is a list of {k.Kind}",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = MetaSchemas.ApiVersionProperty(),
            ["items"] = new JsonObject { ["description"] = $"List of {k.Plural}.", ["type"] = "array", ["items"] = OpenApiOperations.Ref(k.SchemaName) },
            ["kind"] = MetaSchemas.KindProperty(),
            ["metadata"] = MetaSchemas.MetadataProperty(MetaSchemas.ListMeta),
        },
        ["x-kubernetes-group-version-kind"] = Gvk(k.Group, k.Version, k.ListKind),
    };

    private static JsonArray Gvk(string group, string version, string kind) =>
        new(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });

    private static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
