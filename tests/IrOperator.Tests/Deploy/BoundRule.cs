namespace IrOperator.Tests.Deploy;

/// <summary>
/// A rule of a Role or ClusterRole as it applies to a subject through one binding: cluster-wide
/// (<see cref="Namespace"/> null, a ClusterRoleBinding) or in one namespace (a RoleBinding), optionally narrowed
/// to some object names.
/// </summary>
public sealed record BoundRule(string? Namespace, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs, IReadOnlyList<string> ResourceNames)
{
    /// <summary>Every permission the rule names (the chart uses no wildcards; a test refuses them).</summary>
    public IEnumerable<RbacPermission> Permissions() =>
        from g in ApiGroups
        from r in Resources
        from v in Verbs
        let parts = r.Split('/', 2)
        select new RbacPermission(g, parts[0], parts.Length > 1 ? parts[1] : "", v);

    /// <summary>Whether the rule allows this request, as RBAC decides it (names only where the rule lists some).</summary>
    public bool Allows(RbacPermission permission, string ns, string name) =>
        Permissions().Contains(permission)
        && (Namespace is null || Namespace == ns)
        && (ResourceNames.Count == 0 || ResourceNames.Contains(name));
}
