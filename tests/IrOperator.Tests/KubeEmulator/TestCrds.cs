using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// CRDs of the emulator's own tests, independent of the project's: Widget (namespaced, status
/// subresource, defaults, an enum, a CEL transition rule, printer columns, short name and category)
/// and Gizmo (cluster-scoped, no status subresource).
/// </summary>
internal static class TestCrds
{
    public const string Group = "test.iroperator.io";
    public const string Version = "v1";
    public const string Widgets = "widgets";
    public const string Gizmos = "gizmos";

    public static V1CustomResourceDefinition Widget() => KubernetesJson.Deserialize<V1CustomResourceDefinition>("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "widgets.test.iroperator.io"},
         "spec": {"group": "test.iroperator.io", "scope": "Namespaced",
           "names": {"kind": "Widget", "listKind": "WidgetList", "plural": "widgets", "singular": "widget",
                     "shortNames": ["wd"], "categories": ["gadgets"]},
           "versions": [{"name": "v1", "served": true, "storage": true, "subresources": {"status": {}},
             "additionalPrinterColumns": [
               {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
               {"name": "Phase", "type": "string", "jsonPath": ".status.phase"},
               {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}],
             "schema": {"openAPIV3Schema": {"type": "object", "properties": {
               "spec": {"type": "object", "required": ["size"],
                 "x-kubernetes-validations": [{"rule": "self.size == oldSelf.size", "message": "size is immutable"}],
                 "properties": {
                   "size": {"type": "integer", "minimum": 1, "maximum": 10},
                   "colour": {"type": "string", "default": "blue", "enum": ["blue", "red"]},
                   "owner": {"type": "string"}}},
               "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}}}]}}
        """);

    public static V1CustomResourceDefinition Gizmo() => KubernetesJson.Deserialize<V1CustomResourceDefinition>("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "gizmos.test.iroperator.io"},
         "spec": {"group": "test.iroperator.io", "scope": "Cluster",
           "names": {"kind": "Gizmo", "plural": "gizmos", "singular": "gizmo"},
           "versions": [{"name": "v1", "served": true, "storage": true,
             "schema": {"openAPIV3Schema": {"type": "object", "properties": {
               "spec": {"type": "object", "properties": {"level": {"type": "integer"}}},
               "status": {"type": "object", "properties": {"note": {"type": "string"}}}}}}}]}}
        """);
}
