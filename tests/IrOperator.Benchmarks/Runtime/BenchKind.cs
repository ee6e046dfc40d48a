using IrOperator.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Benchmarks.Runtime;

internal static class BenchKind
{
    public const string Namespace = "bench";

    public static readonly ResourceKind Kind = new("bench.iroperator.io", "v1", "benchwidgets", "BenchWidget", Namespaced: true);

    // Written as the JSON a user would apply, so the harness shares no code with the test fixtures.
    public static V1CustomResourceDefinition Crd() => KubernetesJson.Deserialize<V1CustomResourceDefinition>("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "benchwidgets.bench.iroperator.io" },
          "spec": {
            "group": "bench.iroperator.io",
            "scope": "Namespaced",
            "names": { "plural": "benchwidgets", "singular": "benchwidget", "kind": "BenchWidget", "listKind": "BenchWidgetList" },
            "versions": [{
              "name": "v1", "served": true, "storage": true,
              "subresources": { "status": {} },
              "schema": { "openAPIV3Schema": { "type": "object", "properties": {
                "spec": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
                "status": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } } }
            }]
          }
        }
        """);

    public static BenchWidget Object(int index) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"w-{index:D5}",
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "iroperator-bench", ["team"] = $"team-{index % 20}" },
        },
        Spec = new BenchSpec
        {
            Value = 0,
            Owner = $"responder-{index % 200}@example.com",
            Accounts = [$"{100000000000 + index:D12}", $"{200000000000 + index:D12}"],
        },
    };
}
