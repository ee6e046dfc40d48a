using k8s;
using k8s.Models;

namespace IrOperator.Kube;

/// <summary>
/// One controller's logic. It receives the current object from the informer cache (never the event),
/// must be idempotent, and must honour the token: cancellation is how shutdown and a lost lease stop it.
/// </summary>
public interface IReconciler<in T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken cancellationToken);
}
