using System.Text.Json.Nodes;
using IrOperator.Schema;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// A policy's <c>matchConstraints</c> or a binding's <c>matchResources</c>: namespaceSelector,
/// objectSelector, resourceRules and excludeResourceRules. No resourceRules matches every resource
/// (allowed on bindings only). <c>matchPolicy</c> is accepted but always works as Exact: the emulator
/// serves each resource at one version, so there is nothing equivalent to convert to.
/// </summary>
public sealed record MatchResources(
    ObjectLabelSelector NamespaceSelector,
    ObjectLabelSelector ObjectSelector,
    IReadOnlyList<ResourceRule> ResourceRules,
    IReadOnlyList<ResourceRule> ExcludeResourceRules)
{
    private static readonly string[] MatchPolicies = ["Equivalent", "Exact"];

    public static MatchResources Parse(JsonObject node, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(errors);
        if (node["matchPolicy"] is JsonValue policy && policy.GetValue<string>() is var value && !MatchPolicies.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported($"{path}.matchPolicy", value, MatchPolicies));
        }

        return new MatchResources(
            ObjectLabelSelector.Parse(node["namespaceSelector"], $"{path}.namespaceSelector", errors),
            ObjectLabelSelector.Parse(node["objectSelector"], $"{path}.objectSelector", errors),
            Rules(node["resourceRules"], $"{path}.resourceRules", errors),
            Rules(node["excludeResourceRules"], $"{path}.excludeResourceRules", errors));
    }

    /// <summary>
    /// Whether the request falls under these constraints. <paramref name="namespaceObject"/> is the
    /// request's namespace (null for cluster-scoped objects, which every namespaceSelector matches,
    /// except a Namespace itself, matched by its own labels).
    /// </summary>
    public bool Matches(AdmissionRequest request, JsonObject? namespaceObject)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isNamespace = request.Resource is { Group: "", Plural: "namespaces" };
        var namespaceMatches = isNamespace
            ? NamespaceSelector.Matches(request.Object ?? request.OldObject)
            : request.Namespace.Length == 0 || NamespaceSelector.Matches(namespaceObject);
        if (!namespaceMatches)
        {
            return false;
        }

        // The object selector matches when the new or the old object's labels match (a DELETE has only the old).
        if (!ObjectSelector.IsEmpty && !(request.Object is { } obj && ObjectSelector.Matches(obj)) && !(request.OldObject is { } old && ObjectSelector.Matches(old)))
        {
            return false;
        }

        if (ExcludeResourceRules.Any(r => r.Matches(request)))
        {
            return false;
        }

        return ResourceRules.Count == 0 || ResourceRules.Any(r => r.Matches(request));
    }

    private static List<ResourceRule> Rules(JsonNode? node, string path, List<FieldError> errors) =>
        (node as JsonArray ?? []).Select((r, i) => ResourceRule.Parse(r as JsonObject ?? [], $"{path}[{i}]", errors)).ToList();
}
