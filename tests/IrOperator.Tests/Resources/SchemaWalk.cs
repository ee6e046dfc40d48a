using k8s.Models;

namespace IrOperator.Tests.Resources;

/// <summary>Every node of a CRD's schema with its path (<c>Kind:spec.accounts.ids.[]</c>).</summary>
internal static class SchemaWalk
{
    public static IEnumerable<(string Path, V1JSONSchemaProps Node)> Nodes(V1CustomResourceDefinition crd) =>
        Walk(crd.Spec.Names.Kind + ":", GeneratedCrds.Root(crd));

    private static IEnumerable<(string Path, V1JSONSchemaProps Node)> Walk(string path, V1JSONSchemaProps node)
    {
        yield return (path, node);
        var prefix = path.EndsWith(':') ? path : path + ".";
        foreach (var (name, child) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var n in Walk(prefix + name, child))
            {
                yield return n;
            }
        }

        if (node.Items is V1JSONSchemaProps items)
        {
            foreach (var n in Walk(prefix + "[]", items))
            {
                yield return n;
            }
        }

        if (node.AdditionalProperties is V1JSONSchemaProps values)
        {
            foreach (var n in Walk(prefix + "{}", values))
            {
                yield return n;
            }
        }
    }
}
