using System.Text.Json.Nodes;

namespace IrOperator.Tests.KubeEmulator.Schema;

/// <summary>A BreakGlassGrant CRD (namespaced, status subresource) and a ResponderRole CRD (cluster-scoped).</summary>
internal static class TestCrds
{
    public static JsonNode Grant() => JsonNode.Parse("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "breakglassgrants.iroperator.io"},
         "spec": {"group": "iroperator.io", "scope": "Namespaced",
           "names": {"kind": "BreakGlassGrant", "listKind": "BreakGlassGrantList", "plural": "breakglassgrants", "singular": "breakglassgrant", "shortNames": ["bgg"]},
           "versions": [
             {"name": "v1alpha1", "served": true, "storage": true, "subresources": {"status": {}},
              "schema": {"openAPIV3Schema": GRANT_SCHEMA}},
             {"name": "v1alpha0", "served": false, "storage": false, "schema": {"openAPIV3Schema": {"type": "object"}}}]}}
        """.Replace("GRANT_SCHEMA", GrantSchema.Json, StringComparison.Ordinal))!;

    public static JsonNode Role() => JsonNode.Parse("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "responderroles.iroperator.io"},
         "spec": {"group": "iroperator.io", "scope": "Cluster",
           "names": {"kind": "ResponderRole", "plural": "responderroles", "singular": "responderrole"},
           "versions": [{"name": "v1alpha1", "served": true, "storage": true,
              "schema": {"openAPIV3Schema": {"type": "object", "description": "An IAM role in many accounts.",
                "properties": {"spec": {"type": "object", "properties": {"roleName": {"type": "string", "description": "The IAM role name."}}}}}}}]}}
        """)!;
}
