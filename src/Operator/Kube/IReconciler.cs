using k8s;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>
/// One controller's logic. It receives a private deep copy of the current object from the informer cache
/// (never the event; it may mutate it), must be idempotent, and must honour the token: cancellation is how
/// shutdown and a lost lease stop it. See docs/runtime.md, "What a reconciler receives".
/// </summary>
public interface IReconciler<in T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken cancellationToken);

    /// <summary>
    /// Called once per deleted object (per UID) with its last known state, a tombstone: the DELETED event's
    /// object, or the cached copy when a relist found it gone. It is for mapping the deletion to related
    /// objects (queue them, or drop what pointed at it); cleanup that must happen belongs behind a
    /// finalizer, since a deletion made while no replica runs never arrives here. The result works as
    /// for <see cref="ReconcileAsync"/>: Retry and RequeueAfter call again with the same tombstone, Done
    /// and Terminal drop it. Runs on the key's worker, never alongside a reconcile of the same key; if
    /// an object of the same name exists again, its reconcile follows once every tombstone is done.
    /// </summary>
    Task<ReconcileResult> DeletedAsync(T lastKnown, CancellationToken cancellationToken) => Task.FromResult(ReconcileResult.Done);
}
