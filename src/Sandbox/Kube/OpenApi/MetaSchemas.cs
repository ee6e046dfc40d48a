using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// The apimachinery components every group-version document references (ObjectMeta, ListMeta, Status,
/// Patch…), trimmed to the fields clients use, with the real component names.
/// </summary>
internal static class MetaSchemas
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

    private const string Json = """
    {
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
        "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
        "type": "object",
        "properties": {
          "annotations": {"type": "object", "additionalProperties": {"type": "string", "default": ""}},
          "creationTimestamp": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
          "deletionGracePeriodSeconds": {"type": "integer", "format": "int64"},
          "deletionTimestamp": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
          "finalizers": {"type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "set"},
          "generateName": {"type": "string"},
          "generation": {"type": "integer", "format": "int64"},
          "labels": {"type": "object", "additionalProperties": {"type": "string", "default": ""}},
          "managedFields": {"type": "array", "items": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"}, "x-kubernetes-list-type": "atomic"},
          "name": {"type": "string"},
          "namespace": {"type": "string"},
          "ownerReferences": {"type": "array", "items": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"}, "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge"},
          "resourceVersion": {"type": "string"},
          "selfLink": {"type": "string"},
          "uid": {"type": "string"}
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
        "description": "ListMeta describes metadata that synthetic resources must have, including lists and various status objects.",
        "type": "object",
        "properties": {
          "continue": {"type": "string"},
          "remainingItemCount": {"type": "integer", "format": "int64"},
          "resourceVersion": {"type": "string"},
          "selfLink": {"type": "string"}
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
        "description": "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.",
        "type": "string",
        "format": "date-time"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": {
        "description": "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": {
        "description": "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
        "type": "object",
        "properties": {
          "apiVersion": {"type": "string"},
          "fieldsType": {"type": "string"},
          "fieldsV1": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"},
          "manager": {"type": "string"},
          "operation": {"type": "string"},
          "subresource": {"type": "string"},
          "time": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time"}
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {
        "description": "OwnerReference contains enough information to let you identify an owning object.",
        "type": "object",
        "required": ["apiVersion", "kind", "name", "uid"],
        "properties": {
          "apiVersion": {"type": "string", "default": ""},
          "blockOwnerDeletion": {"type": "boolean"},
          "controller": {"type": "boolean"},
          "kind": {"type": "string", "default": ""},
          "name": {"type": "string", "default": ""},
          "uid": {"type": "string", "default": ""}
        },
        "x-kubernetes-map-type": "atomic"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
        "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Status": {
        "description": "Status is a return value for calls that don't return other objects.",
        "type": "object",
        "properties": {
          "apiVersion": {"type": "string"},
          "code": {"type": "integer", "format": "int32"},
          "details": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
          "kind": {"type": "string"},
          "message": {"type": "string"},
          "metadata": {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"},
          "reason": {"type": "string"},
          "status": {"type": "string"}
        },
        "x-kubernetes-group-version-kind": [{"group": "", "kind": "Status", "version": "v1"}]
      }
    }
    """;

    /// <summary>A fresh copy of the components (callers add to it).</summary>
    public static JsonObject Components() => JsonNode.Parse(Json)!.AsObject();

    public static JsonObject ApiVersionProperty() => new()
    {
        ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
        ["type"] = "string",
    };

    public static JsonObject KindProperty() => new()
    {
        ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        ["type"] = "string",
    };

    public static JsonObject MetadataProperty(string metaSchema) => new()
    {
        ["description"] = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        ["allOf"] = new JsonArray(OpenApiOperations.Ref(metaSchema)),
    };
}
