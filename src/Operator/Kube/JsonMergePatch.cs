using System.Text.Json.Nodes;

namespace IrOperator.Kube;

/// <summary>
/// Builds an RFC 7396 merge patch from two JSON documents. Merge patch replaces arrays whole and removes
/// a field only when the patch sets it to null, so the diff names removed fields explicitly; that is why
/// the patch is built here rather than by serializing the desired object (KubernetesJson drops nulls).
/// </summary>
public static class JsonMergePatch
{
    /// <summary>The patch turning <paramref name="original"/> into <paramref name="modified"/>; null when they are equal.</summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (JsonNode.DeepEquals(original, modified))
        {
            return null;
        }
        if (original is not JsonObject from || modified is not JsonObject to)
        {
            return modified?.DeepClone() ?? JsonValue.Create((string?)null);
        }
        var patch = new JsonObject();
        foreach (var (name, value) in from)
        {
            if (!to.ContainsKey(name))
            {
                patch[name] = null;
            }
            else if (!JsonNode.DeepEquals(value, to[name]))
            {
                patch[name] = Create(value, to[name]);
            }
        }
        foreach (var (name, value) in to)
        {
            if (!from.ContainsKey(name))
            {
                patch[name] = value?.DeepClone();
            }
        }
        return patch;
    }
}
