using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Authorization;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>How one RBAC rule matches a request (the server's RuleAllows).</summary>
public sealed class PolicyRuleTests
{
    private static readonly KubeUser Alice = new("alice", ["ir-responders", KubeUser.AuthenticatedGroup]);

    public static TheoryData<string, string, bool> ResourceCases => new()
    {
        // rule, request "verb group resource[/sub] [name]", allowed
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["patch"]}""", "patch iroperator.io breakglassgrants g1", true },
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["patch"]}""", "update iroperator.io breakglassgrants g1", false },
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["patch"]}""", "patch iroperator.io breakglassgrants/status g1", false },
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["patch"]}""", "patch other.io breakglassgrants g1", false },
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants/status"],"verbs":["patch"]}""", "patch iroperator.io breakglassgrants/status g1", true },
        { """{"apiGroups":["iroperator.io"],"resources":["breakglassgrants/status"],"verbs":["patch"]}""", "patch iroperator.io breakglassgrants g1", false },
        { """{"apiGroups":["iroperator.io"],"resources":["*/status"],"verbs":["patch"]}""", "patch iroperator.io responderroles/status r1", true },
        { """{"apiGroups":["iroperator.io"],"resources":["*/status"],"verbs":["patch"]}""", "patch iroperator.io responderroles r1", false },
        { """{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}""", "delete iroperator.io breakglassgrants/status g1", true },
        { """{"apiGroups":["iroperator.io"],"resources":["*"],"verbs":["get"]}""", "get iroperator.io breakglassgrants/status g1", true },
        { """{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"],"resourceNames":["settings"]}""", "get  configmaps settings", true },
        { """{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"],"resourceNames":["settings"]}""", "get  configmaps other", false },
        { """{"apiGroups":[""],"resources":["configmaps"],"verbs":["list"],"resourceNames":["settings"]}""", "list  configmaps", false },
        { """{"apiGroups":[""],"resources":["users"],"verbs":["impersonate"],"resourceNames":["bob"]}""", "impersonate  users bob", true },
        { """{"apiGroups":[""],"resources":["users"],"verbs":["impersonate"],"resourceNames":["bob"]}""", "impersonate  users carol", false },
        { """{"nonResourceURLs":["/apis/*"],"verbs":["get"]}""", "get iroperator.io breakglassgrants", false },
    };

    public static TheoryData<string, string, bool> PathCases => new()
    {
        { """{"nonResourceURLs":["/apis/*"],"verbs":["get"]}""", "/apis/iroperator.io/v1alpha1", true },
        { """{"nonResourceURLs":["/apis/*"],"verbs":["get"]}""", "/apis", false },
        { """{"nonResourceURLs":["/apis"],"verbs":["get"]}""", "/apis", true },
        { """{"nonResourceURLs":["/version"],"verbs":["get"]}""", "/version/", false },
        { """{"nonResourceURLs":["*"],"verbs":["*"]}""", "/metrics", true },
        { """{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}""", "/metrics", false },
    };

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public void A_resource_rule_matches_verb_group_resource_subresource_and_name(string rule, string request, bool allowed)
    {
        var parts = request.Split(' ');
        var resource = parts[2].Split('/');
        var attributes = RequestAttributes.ForResource(Alice, parts[0], parts[1], resource[0], resource.Length > 1 ? resource[1] : "", "incident-response", parts.Length > 3 ? parts[3] : "");

        PolicyRule.FromJson(JsonNode.Parse(rule)!.AsObject()).Allows(attributes).Should().Be(allowed);
    }

    [Theory]
    [MemberData(nameof(PathCases))]
    public void A_non_resource_rule_matches_the_path_exactly_or_by_a_trailing_star(string rule, string path, bool allowed) =>
        PolicyRule.FromJson(JsonNode.Parse(rule)!.AsObject()).Allows(RequestAttributes.ForPath(Alice, "get", path)).Should().Be(allowed);
}
