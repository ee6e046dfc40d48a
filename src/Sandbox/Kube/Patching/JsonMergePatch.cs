using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Patching;

/// <summary>
/// RFC 7386 JSON merge patch: objects merge key by key, <c>null</c> removes a key, anything else
/// (lists included) replaces. Kubernetes serves <c>application/merge-patch+json</c> with these rules.
/// </summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
