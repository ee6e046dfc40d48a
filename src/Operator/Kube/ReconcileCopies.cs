using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>
/// The private copies a controller hands its reconciler (controller-runtime's cache deep-copies on read),
/// each remembering the object as the server sent it. A reconciler may then mutate its argument freely:
/// the shared cache never changes, and <see cref="StatusWriter"/> still diffs against what the server
/// has, so a status edited in place before the write is sent rather than mistaken for "already there".
/// See docs/runtime.md, "What a reconciler receives".
/// </summary>
internal static class ReconcileCopies
{
    private static readonly ConditionalWeakTable<object, JsonObject> ServerState = new();

    /// <summary>A deep copy of the cached object, remembered as the server's state.</summary>
    public static T Of<T>(T cached)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var json = KubernetesJson.Serialize(cached);
        var copy = KubernetesJson.Deserialize<T>(json);
        ServerState.AddOrUpdate(copy, JsonNode.Parse(json)!.AsObject());
        return copy;
    }

    /// <summary>
    /// The status the server sent for an object handed out by <see cref="Of{T}"/>, whatever the reconciler
    /// did to it since (null: it had none); false for any other object.
    /// </summary>
    public static bool TryGetServerStatus(object resource, out JsonNode? status)
    {
        if (ServerState.TryGetValue(resource, out var state))
        {
            status = state["status"]?.DeepClone();
            return true;
        }
        status = null;
        return false;
    }
}
