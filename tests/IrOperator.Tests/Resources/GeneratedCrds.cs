using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Tests.Resources;

/// <summary>The generated CRDs (generated once per test run) and ways to reach into their schemas.</summary>
internal static class GeneratedCrds
{
    private static readonly Lazy<IReadOnlyList<V1CustomResourceDefinition>> All = new(CrdGenerator.GenerateAll);

    public static IReadOnlyList<V1CustomResourceDefinition> Crds => All.Value;

    public static V1CustomResourceDefinition ResponderRole => ByKind(IrOperatorApi.ResponderRoleKind);

    public static V1CustomResourceDefinition BreakGlassGrant => ByKind(IrOperatorApi.BreakGlassGrantKind);

    public static V1CustomResourceDefinition ByKind(string kind) => Crds.Single(c => c.Spec.Names.Kind == kind);

    public static V1JSONSchemaProps Root(V1CustomResourceDefinition crd) => crd.Spec.Versions.Single().Schema.OpenAPIV3Schema;

    /// <summary>The schema at a dotted path of property names, with <c>[]</c> for list items and <c>{}</c> for map values.</summary>
    public static V1JSONSchemaProps At(V1CustomResourceDefinition crd, string path)
    {
        var node = Root(crd);
        foreach (var step in path.Split('.'))
        {
            node = step switch
            {
                "[]" => (V1JSONSchemaProps)node.Items,
                "{}" => (V1JSONSchemaProps)node.AdditionalProperties,
                _ => node.Properties?.TryGetValue(step, out var child) == true
                    ? child
                    : throw new KeyNotFoundException($"{crd.Spec.Names.Kind} has no schema at {path} (missing {step})"),
            };
        }

        return node;
    }

    /// <summary>The file a test run sees for a checked-in path (examples/ and deploy/helm/ir-operator/crds/ are copied to the output).</summary>
    public static string OutputPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}
