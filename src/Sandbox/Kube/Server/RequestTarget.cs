using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>A resource URL resolved: the resource, its namespace (null: cluster-wide or all namespaces), name and subresource.</summary>
public sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool LegacyWatch)
{
    /// <summary>
    /// Parses what follows <c>/api/v1</c> or <c>/apis/g/v</c>: <c>[watch/][namespaces/ns/]plural[/name[/sub]]</c>.
    /// <c>namespaces/x/status</c> is the namespace's own subresource, not a resource inside it.
    /// </summary>
    public static RequestTarget? Parse(ResourceCatalog catalog, string group, string version, string[] rest)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(rest);
        var legacyWatch = rest.Length > 0 && rest[0] == "watch";
        if (legacyWatch)
        {
            rest = rest[1..];
        }

        if (rest.Length == 0)
        {
            return null;
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3)
        {
            return null;
        }

        var type = catalog.Find(group, version, rest[0]);
        if (type is null || (ns is not null && !type.Namespaced))
        {
            return null;
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (subresource is not null && !(subresource == "status" && type.HasStatus)
            && !(subresource == "finalize" && type is { Group: "", Plural: "namespaces" }))
        {
            return null;
        }

        if (type.Namespaced && name is not null && ns is null)
        {
            return null;
        }

        return new RequestTarget(type, ns, name, subresource, legacyWatch);
    }
}
