using IrOperator.Kube;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.TestOperator;

/// <summary>
/// The worst case for a hand-over: every reconcile takes <paramref name="duration"/> and ignores its cancellation
/// token, then asks to run again soon, so a reconcile of each object is nearly always in flight.
/// </summary>
internal sealed class StubbornReconciler(RecordFile records, TimeSpan duration) : IReconciler<Widget>
{
    public async Task<ReconcileResult> ReconcileAsync(Widget resource, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(resource.Metadata).ToString();
        records.Write("start", key);
        await Task.Delay(duration, CancellationToken.None).ConfigureAwait(false);
        records.Write("stop", key);
        return ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(20));
    }
}
