using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// The discovery documents (<c>/version</c>, <c>/api</c>, <c>/apis</c>, <c>/apis/g</c>, group-version
/// resource lists), derived from the catalog at request time so CRDs appear as soon as they are created.
/// The aggregated (apidiscovery v2) form is not served: kubectl asks for it first and accepts the plain
/// lists, as it does against older servers.
/// </summary>
public static class Discovery
{
    /// <summary>The Kubernetes version the emulator reports (what kubectl's version skew check reads).</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0+iroperator-emulator",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(IReadOnlyList<ResourceType> all) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(all.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (JsonNode)Group(g.Key, g.Select(t => t.Version).Distinct().ToList()))
            .ToArray()),
    };

    public static JsonObject? Group(IReadOnlyList<ResourceType> all, string group)
    {
        var versions = all.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        var result = Group(group, versions);
        result["kind"] = "APIGroup";
        result["apiVersion"] = "v1";
        return result;
    }

    public static JsonObject? ResourceList(IReadOnlyList<ResourceType> all, string group, string version)
    {
        var types = all.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var resource = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(t.Verbs.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            };
            if (t.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(t.ShortNames);
            }

            if (t.Categories.Count > 0)
            {
                resource["categories"] = Strings(t.Categories);
            }

            resources.Add(resource);
            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, List<string> versions)
    {
        // The preferred version is the first listed; CRDs list theirs in declaration order.
        var list = new JsonArray(versions.Select(v => (JsonNode)GroupVersion(name, v)).ToArray());
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = GroupVersion(name, versions[0]),
        };
    }

    private static JsonObject GroupVersion(string group, string version) => new()
    {
        ["groupVersion"] = $"{group}/{version}",
        ["version"] = version,
    };

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
