using System.Reflection;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// Writes status as a projection: the caller computes the whole desired status from the object, the
/// writer stamps observedGeneration, compares with what the server has and sends nothing when they match
/// (so the operator's own writes do not retrigger it forever). "What the server has" is the status as the
/// server sent it: for a reconciler's argument that is remembered apart from the copy (a status edited in
/// place is still written), for any other object it is the object's status before desired() runs. Writes
/// go to /status as a merge patch locked on metadata.resourceVersion; a 409 re-reads the object and
/// recomputes from that.
/// </summary>
public sealed class StatusWriter(IKubernetes client, ILogger? log = null)
{
    private const int MaxAttempts = 5;
    private readonly ILogger _log = log ?? Log.Logger;
    private int _writes;

    /// <summary>Number of status PATCH requests sent (tests assert "no write when nothing changed").</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <returns>The object as the server now has it (the input itself when nothing was written).</returns>
    public async Task<T> UpdateAsync<T, TStatus>(ResourceKind kind, T resource, Func<T, TStatus> desired, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
        where TStatus : class
    {
        return await new CustomObjectClient(client, kind).PatchWithConflictRetryAsync(resource, current => PatchFor(current, desired), status: true, MaxAttempts, cancellationToken).ConfigureAwait(false);
    }

    private string? PatchFor<T, TStatus>(T resource, Func<T, TStatus> desired)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
        where TStatus : class
    {
        // Snapshot first: a desired() (or a reconciler before it) that edits the status in place must still be seen as a change.
        if (!ReconcileCopies.TryGetServerStatus(resource, out var current))
        {
            current = resource.Status is null ? null : JsonNode.Parse(KubernetesJson.Serialize(resource.Status));
        }
        var status = desired(resource);
        StampObservedGeneration(status, resource.Metadata.Generation);
        var diff = JsonMergePatch.Create(current, JsonNode.Parse(KubernetesJson.Serialize(status)));
        if (diff is null)
        {
            return null;
        }
        _log.Debug("Writing status of {Kind} {Key}", resource.Kind, ObjectKey.Of(resource.Metadata).ToString());
        Interlocked.Increment(ref _writes);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resource.Metadata.ResourceVersion },
            ["status"] = diff,
        };
        return patch.ToJsonString();
    }

    // observedGeneration says which spec the status describes; every status type with the field gets it.
    // A caller that sets it itself keeps its value: after a conflict the writer recomputes on a fresh copy,
    // whose generation may be newer than the spec the reconcile acted on.
    private static void StampObservedGeneration<TStatus>(TStatus status, long? generation)
        where TStatus : class
    {
        var property = typeof(TStatus).GetProperty("ObservedGeneration", BindingFlags.Public | BindingFlags.Instance);
        if (property is { CanWrite: true } && (property.PropertyType == typeof(long?) || property.PropertyType == typeof(long))
            && property.GetValue(status) is null or 0L)
        {
            property.SetValue(status, generation ?? 0);
        }
    }
}
