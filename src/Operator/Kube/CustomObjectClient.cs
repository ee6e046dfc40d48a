using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>GET and merge-PATCH of one custom object, hiding the namespaced/cluster-scoped split of the client API.</summary>
internal sealed class CustomObjectClient(IKubernetes client, ResourceKind kind)
{
    public async Task<T> GetAsync<T>(ObjectKey key, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        return key.Namespace is null
            ? await client.CustomObjects.GetClusterCustomObjectAsync<T>(kind.Group, kind.Version, kind.Plural, key.Name, cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.GetNamespacedCustomObjectAsync<T>(kind.Group, kind.Version, key.Namespace, kind.Plural, key.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Merge-patches the object (or its /status); the body is raw JSON so explicit nulls survive.</summary>
    public async Task<T> PatchAsync<T>(ObjectKey key, string mergePatch, bool status, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var body = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        return (key.Namespace, status) switch
        {
            (null, false) => await client.CustomObjects.PatchClusterCustomObjectAsync<T>(body, kind.Group, kind.Version, kind.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false),
            (null, true) => await client.CustomObjects.PatchClusterCustomObjectStatusAsync<T>(body, kind.Group, kind.Version, kind.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false),
            (_, false) => await client.CustomObjects.PatchNamespacedCustomObjectAsync<T>(body, kind.Group, kind.Version, key.Namespace, kind.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false),
            (_, true) => await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(body, kind.Group, kind.Version, key.Namespace, kind.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Merge-patches with the optimistic lock the patch carries; on 409 re-reads the object and asks for
    /// the patch again from the fresh copy. <paramref name="patchFor"/> returns null when nothing needs writing.
    /// </summary>
    public async Task<T> PatchWithConflictRetryAsync<T>(T resource, Func<T, string?> patchFor, bool status, int maxAttempts, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.Of(resource.Metadata);
        for (var attempt = 1; ; attempt++)
        {
            var patch = patchFor(resource);
            if (patch is null)
            {
                return resource;
            }
            try
            {
                return await PatchAsync<T>(key, patch, status, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConflict(e) && attempt < maxAttempts)
            {
                resource = await GetAsync<T>(key, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static bool IsConflict(Exception error) =>
        error is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };

    public static bool IsNotFound(Exception error) =>
        error is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };
}
