using k8s;
using k8s.Models;

namespace IrOperator.Tests.Deploy;

/// <summary>Reads rendered chart manifests as RBAC would: which rules reach a service account, through which bindings.</summary>
public static class ChartRbacRules
{
    /// <summary>The rules bound to <c>system:serviceaccount:ns:name</c> by the bindings in <paramref name="yaml"/>.</summary>
    public static IReadOnlyList<BoundRule> ForServiceAccount(string yaml, string ns, string name)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml);
        var clusterRoles = objects.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name);
        var roles = objects.OfType<V1Role>().ToDictionary(r => (r.Metadata.NamespaceProperty, r.Metadata.Name));
        bool Names(IEnumerable<Rbacv1Subject>? subjects, string bindingNs) =>
            subjects?.Any(s => s.Kind == "ServiceAccount" && s.Name == name && (s.NamespaceProperty ?? bindingNs) == ns) == true;

        var bound = new List<BoundRule>();
        foreach (var binding in objects.OfType<V1ClusterRoleBinding>().Where(b => Names(b.Subjects, "")))
        {
            bound.AddRange(clusterRoles[binding.RoleRef.Name].Rules.Select(r => Bind(r, null)));
        }

        foreach (var binding in objects.OfType<V1RoleBinding>().Where(b => Names(b.Subjects, b.Metadata.NamespaceProperty)))
        {
            var rules = binding.RoleRef.Kind == "ClusterRole"
                ? clusterRoles[binding.RoleRef.Name].Rules
                : roles[(binding.Metadata.NamespaceProperty, binding.RoleRef.Name)].Rules;
            bound.AddRange(rules.Select(r => Bind(r, binding.Metadata.NamespaceProperty)));
        }

        return bound;
    }

    private static BoundRule Bind(V1PolicyRule rule, string? ns) =>
        new(ns, [.. rule.ApiGroups ?? []], [.. rule.Resources ?? []], [.. rule.Verbs], [.. rule.ResourceNames ?? []]);
}
