using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Kube;

/// <summary>
/// The finalizer protocol: add the finalizer before the first external effect, run cleanup once the
/// object is being deleted, and remove the finalizer only after cleanup succeeded, so the API server keeps
/// the object (and our record of what to undo) until the outside world is clean.
/// </summary>
public sealed class Finalizers(IKubernetes client, ILogger? log = null)
{
    private const int MaxAttempts = 5;
    private readonly ILogger _log = log ?? Log.Logger;

    public static bool Has(IKubernetesObject<V1ObjectMeta> resource, string finalizer) =>
        resource.Metadata.Finalizers?.Contains(finalizer) == true;

    public static bool IsDeleting(IKubernetesObject<V1ObjectMeta> resource) =>
        resource.Metadata.DeletionTimestamp is not null;

    /// <summary>Adds the finalizer if missing; returns the object as the server now has it.</summary>
    public Task<T> EnsureAsync<T>(ResourceKind kind, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Has(resource, finalizer)
            ? Task.FromResult(resource)
            : ChangeAsync(kind, resource, finalizer, add: true, cancellationToken);

    /// <summary>Removes the finalizer if present; the API server then completes a pending deletion.</summary>
    public Task<T> RemoveAsync<T>(ResourceKind kind, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Has(resource, finalizer)
            ? ChangeAsync(kind, resource, finalizer, add: false, cancellationToken)
            : Task.FromResult(resource);

    /// <summary>
    /// For an object being deleted: runs cleanup and, when it returns Done, removes the finalizer. Returns
    /// null when the object is not being deleted, so the reconciler carries on with its normal work.
    /// </summary>
    public async Task<ReconcileResult?> FinalizeAsync<T>(
        ResourceKind kind, T resource, string finalizer, Func<T, CancellationToken, Task<ReconcileResult>> cleanup, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!IsDeleting(resource))
        {
            return null;
        }
        if (!Has(resource, finalizer))
        {
            return ReconcileResult.Done;
        }
        var result = await cleanup(resource, cancellationToken).ConfigureAwait(false);
        if (result is not ReconcileResult.DoneResult)
        {
            // Cleanup incomplete or failed: keep the finalizer so the object (and the work) stays.
            return result;
        }
        await RemoveAsync(kind, resource, finalizer, cancellationToken).ConfigureAwait(false);
        _log.Information("Removed finalizer {Finalizer} from {Kind} {Key} after cleanup", finalizer, kind.Kind, ObjectKey.Of(resource.Metadata).ToString());
        return ReconcileResult.Done;
    }

    private async Task<T> ChangeAsync<T>(ResourceKind kind, T resource, string finalizer, bool add, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        return await new CustomObjectClient(client, kind).PatchWithConflictRetryAsync(resource, current => PatchFor(current, finalizer, add), status: false, MaxAttempts, cancellationToken).ConfigureAwait(false);
    }

    private static string? PatchFor<T>(T resource, string finalizer, bool add)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var finalizers = resource.Metadata.Finalizers?.ToList() ?? [];
        if (finalizers.Contains(finalizer) == add)
        {
            return null;
        }
        if (add)
        {
            finalizers.Add(finalizer);
        }
        else
        {
            finalizers.RemoveAll(f => f == finalizer);
        }
        // Merge patch replaces the list whole; the resourceVersion lock keeps another writer's
        // finalizer from being dropped by our stale copy of the list.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resource.Metadata.ResourceVersion,
                ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            },
        };
        return patch.ToJsonString();
    }
}
