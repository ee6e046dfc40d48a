using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// One RBAC rule (rbac.authorization.k8s.io/v1 PolicyRule) and how it matches a request, as the RBAC
/// authorizer's RuleAllows does: <c>*</c> matches any verb, group or resource; <c>*/status</c> any
/// resource's status; <c>resource/sub</c> only that subresource; an empty resourceNames any name; a
/// nonResourceURL ending in <c>*</c> any path under it.
/// </summary>
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    public const string All = "*";

    public static PolicyRule FromJson(JsonObject rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new PolicyRule(
            Strings(rule["verbs"]),
            Strings(rule["apiGroups"]),
            Strings(rule["resources"]),
            Strings(rule["resourceNames"]),
            Strings(rule["nonResourceURLs"]));
    }

    public static IReadOnlyList<PolicyRule> ListFromJson(JsonNode? rules) =>
        (rules as JsonArray)?.OfType<JsonObject>().Select(FromJson).ToList() ?? [];

    public bool Allows(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Matches(Verbs, request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrls.Any(url => url == All || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));
        }

        return Matches(ApiGroups, request.ApiGroup)
               && ResourceMatches(request.Resource, request.Subresource)
               && (ResourceNames.Count == 0 || ResourceNames.Contains(request.Name, StringComparer.Ordinal));
    }

    /// <summary>The rule as the API shows it (SelfSubjectRulesReview's resourceRules and nonResourceRules).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["verbs"] = Array(Verbs) };
        if (NonResourceUrls.Count > 0)
        {
            json["nonResourceURLs"] = Array(NonResourceUrls);
            return json;
        }

        json["apiGroups"] = Array(ApiGroups);
        json["resources"] = Array(Resources);
        if (ResourceNames.Count > 0)
        {
            json["resourceNames"] = Array(ResourceNames);
        }

        return json;
    }

    private static bool Matches(IReadOnlyList<string> allowed, string requested) =>
        allowed.Any(a => a == All || a == requested);

    private bool ResourceMatches(string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        return Resources.Any(r => r == All || r == combined || (subresource.Length > 0 && r == $"*/{subresource}"));
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
}
