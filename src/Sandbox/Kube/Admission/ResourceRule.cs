using System.Text.Json.Nodes;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Server;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// One <c>NamedRuleWithOperations</c> of a policy's matchConstraints or a binding's matchResources,
/// matched as the server's rules.Matcher does: <c>*</c> for any operation, group, version or resource;
/// <c>pods</c> names the main resource only, <c>pods/status</c> a subresource, <c>pods/*</c> and
/// <c>*/*</c> both; scope Cluster, Namespaced or <c>*</c>; resourceNames narrow by name.
/// </summary>
public sealed record ResourceRule(
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> ApiVersions,
    IReadOnlyList<string> Resources,
    string Scope,
    IReadOnlyList<string> ResourceNames)
{
    private static readonly string[] OperationValues = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
    private static readonly string[] ScopeValues = ["*", "Cluster", "Namespaced"];

    public static ResourceRule Parse(JsonObject rule, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(errors);
        var operations = Strings(rule["operations"]);
        for (var i = 0; i < operations.Count; i++)
        {
            if (!OperationValues.Contains(operations[i], StringComparer.Ordinal))
            {
                errors.Add(FieldError.NotSupported($"{path}.operations[{i}]", operations[i], OperationValues));
            }
        }

        foreach (var (field, values) in new[] { ("operations", operations), ("apiGroups", Strings(rule["apiGroups"])), ("apiVersions", Strings(rule["apiVersions"])), ("resources", Strings(rule["resources"])) })
        {
            if (values.Count == 0)
            {
                errors.Add(FieldError.Required($"{path}.{field}"));
            }
        }

        var scope = ObjectMetadata.Text(rule["scope"]) is { Length: > 0 } s ? s : "*";
        if (!ScopeValues.Contains(scope, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported($"{path}.scope", scope, ScopeValues));
        }

        return new ResourceRule(operations, Strings(rule["apiGroups"]), Strings(rule["apiVersions"]), Strings(rule["resources"]), scope, Strings(rule["resourceNames"]));
    }

    public bool Matches(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Resource;
        return AnyOrContains(Operations, request.Operation)
               && AnyOrContains(ApiGroups, type.Group)
               && AnyOrContains(ApiVersions, type.Version)
               && ResourceMatches(type.Plural, request.Subresource ?? "")
               && ScopeMatches(request)
               && (ResourceNames.Count == 0 || ResourceNames.Contains(request.Name, StringComparer.Ordinal));
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(ObjectMetadata.Text).ToList();

    private static bool AnyOrContains(IReadOnlyList<string> values, string value) =>
        values.Contains("*", StringComparer.Ordinal) || values.Contains(value, StringComparer.Ordinal);

    private bool ResourceMatches(string resource, string subresource) =>
        Resources.Any(r =>
        {
            var slash = r.IndexOf('/', StringComparison.Ordinal);
            var (res, sub) = slash < 0 ? (r, "") : (r[..slash], r[(slash + 1)..]);
            return (res == "*" || res == resource) && (sub == "*" || sub == subresource);
        });

    private bool ScopeMatches(AdmissionRequest request)
    {
        var isNamespaceObject = request.Resource is { Group: "", Plural: "namespaces" };
        return Scope switch
        {
            "Namespaced" => !isNamespaceObject && request.Namespace.Length > 0,
            "Cluster" => isNamespaceObject || request.Namespace.Length == 0,
            _ => true,
        };
    }
}
