using System.Globalization;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// Path items for a kind, shaped like the real server's. kubectl reads them: before applying it looks for
/// the PATCH operation whose <c>x-kubernetes-group-version-kind</c> is the object's and checks that it
/// lists a <c>fieldValidation</c> parameter (resource.QueryParamVerifierV3); if so it leaves validation to
/// the server (<c>fieldValidation=Strict</c>), otherwise it validates client-side. Parameters are inline,
/// not <c>$ref</c>s, because that check reads the parameter's name directly.
/// The PATCH request bodies list json-patch, merge-patch and apply-patch but not strategic-merge-patch:
/// for built-in kinds kubectl then builds its strategic merge patch from its compiled-in types instead of
/// from these deliberately loose schemas.
/// </summary>
internal static class OpenApiOperations
{
    public static void AddPaths(JsonObject paths, PublishedKind k)
    {
        var prefix = "/" + k.GroupVersionPath;
        var collection = k.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{k.Plural}" : $"{prefix}/{k.Plural}";
        var scope = k.Namespaced ? "Namespaced" : "";
        // JSON nodes have one parent: every path item gets fresh parameter objects.
        JsonObject[] PathParameters() => k.Namespaced ? [Namespace(), Pretty()] : [Pretty()];
        JsonObject[] ItemParameters() => k.Namespaced ? [Name(k.Kind), Namespace(), Pretty()] : [Name(k.Kind), Pretty()];

        paths[collection] = new JsonObject
        {
            ["get"] = Operation(k, "list", "list", scope, $"list or watch objects of kind {k.Kind}", ListParameters(), k.ListSchemaName),
            ["post"] = Operation(k, "post", "create", scope, $"create a {k.Kind}", WriteParameters(), k.SchemaName, body: Body(k.SchemaName), created: true),
            ["delete"] = Operation(k, "deletecollection", "delete", "Collection" + scope, $"delete collection of {k.Kind}", ListParameters(), "io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
            ["parameters"] = Array(PathParameters()),
        };
        paths[$"{collection}/{{name}}"] = ItemPath(k, scope, "", ItemParameters());
        if (k.HasStatus)
        {
            paths[$"{collection}/{{name}}/status"] = ItemPath(k, scope, "Status", ItemParameters(), withDelete: false);
        }

        if (k.Namespaced)
        {
            paths[$"{prefix}/{k.Plural}"] = new JsonObject
            {
                ["get"] = Operation(k, "list", "list", "", $"list or watch objects of kind {k.Kind}", ListParameters(), k.ListSchemaName, forAllNamespaces: true),
                ["parameters"] = Array([Pretty()]),
            };
        }
    }

    private static JsonObject ItemPath(PublishedKind k, string scope, string subresource, JsonObject[] parameters, bool withDelete = true)
    {
        var what = subresource.Length == 0 ? $"the specified {k.Kind}" : $"status of the specified {k.Kind}";
        var item = new JsonObject
        {
            ["get"] = Operation(k, "get", "read", scope, $"read {what}", [], k.SchemaName, suffix: subresource),
            ["put"] = Operation(k, "put", "replace", scope, $"replace {what}", WriteParameters(), k.SchemaName, body: Body(k.SchemaName), suffix: subresource),
            ["patch"] = Operation(k, "patch", "patch", scope, $"partially update {what}", [.. WriteParameters(), Query("force", "boolean", "Force is going to \"force\" Apply requests.")], k.SchemaName, body: PatchBody(), suffix: subresource),
        };
        if (withDelete)
        {
            item["delete"] = Operation(k, "delete", "delete", scope, $"delete a {k.Kind}", [Query("dryRun", "string", "When present, indicates that modifications should not be persisted."), Query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."), Query("propagationPolicy", "string", "Whether and how garbage collection will be performed.")], "io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        }

        item["parameters"] = Array(parameters);
        return item;
    }

    private static JsonObject Operation(PublishedKind k, string action, string verb, string scope, string description, JsonObject[] parameters, string responseSchema,
        JsonObject? body = null, bool created = false, string suffix = "", bool forAllNamespaces = false)
    {
        var responses = new JsonObject { ["200"] = Response(responseSchema) };
        if (created)
        {
            responses["201"] = Response(responseSchema);
        }

        var op = new JsonObject
        {
            ["tags"] = new JsonArray(Tag(k)),
            ["description"] = description,
            ["operationId"] = $"{verb}{Camel(k)}{scope}{k.Kind}{suffix}{(forAllNamespaces ? "ForAllNamespaces" : "")}",
            ["parameters"] = Array(parameters),
            ["responses"] = responses,
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind },
        };
        if (body is not null)
        {
            op["requestBody"] = body;
        }

        return op;
    }

    private static JsonObject[] ListParameters() =>
    [
        Query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        Query("continue", "string", "The continue option should be set when retrieving more results from the server."),
        Query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields."),
        Query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels."),
        Query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
        Query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from."),
        Query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls."),
        Query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
        Query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."),
    ];

    private static JsonObject[] WriteParameters() =>
    [
        Query("dryRun", "string", "When present, indicates that modifications should not be persisted."),
        Query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes."),
        Query("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default) and Strict."),
    ];

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject Name(string kind) => new()
    {
        ["name"] = "name",
        ["in"] = "path",
        ["description"] = $"name of the {kind}",
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Namespace() => new()
    {
        ["name"] = "namespace",
        ["in"] = "path",
        ["description"] = "object name and auth scope, such as for teams and projects",
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Pretty() => Query("pretty", "string", "If 'true', then the output is pretty printed.");

    private static JsonObject Response(string schema) => new()
    {
        ["description"] = "OK",
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = Ref(schema) },
            ["application/yaml"] = new JsonObject { ["schema"] = Ref(schema) },
        },
    };

    private static JsonObject Body(string schema) => new()
    {
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = Ref(schema) },
            ["application/yaml"] = new JsonObject { ["schema"] = Ref(schema) },
        },
        ["required"] = true,
    };

    private static JsonObject PatchBody()
    {
        var patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
        return new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["application/apply-patch+yaml"] = new JsonObject { ["schema"] = Ref(patch) },
                ["application/json-patch+json"] = new JsonObject { ["schema"] = Ref(patch) },
                ["application/merge-patch+json"] = new JsonObject { ["schema"] = Ref(patch) },
            },
            ["required"] = true,
        };
    }

    public static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items]);

    private static string Tag(PublishedKind k) => k.Group.Length == 0 ? $"core_{k.Version}" : $"{k.Group.Replace('.', '_')}_{k.Version}";

    /// <summary>The group and version as in operation ids: CoreV1, IroperatorIoV1alpha1, CoordinationV1.</summary>
    private static string Camel(PublishedKind k)
    {
        var group = k.Group.Length == 0
            ? "Core"
            : string.Concat(k.Group.Replace(".k8s.io", "", StringComparison.Ordinal).Split('.', '-').Select(Capitalize));
        return group + Capitalize(k.Version);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
