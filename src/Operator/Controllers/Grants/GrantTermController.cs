using IrOperator.Kube;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The grant controller of one leadership term, with its subscription to the process-wide
/// <see cref="GrantAccessLedger"/>. The subscription ends when the term's run ends or the runtime disposes the
/// controller, whichever comes first, so a term that is over never enqueues into its dead queue and no handler
/// piles up across terms (docs/grants.md, "The grant controller").
/// </summary>
public sealed class GrantTermController(Controller<BreakGlassGrant> controller, IDisposable ledgerSubscription) : IController, IDisposable
{
    /// <summary>The runtime's controller (its queue and cache).</summary>
    public Controller<BreakGlassGrant> Controller => controller;

    public string Name => controller.Name;

    public IReadOnlyList<IInformer> Informers => controller.Informers;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await controller.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ledgerSubscription.Dispose();
        }
    }

    public void Dispose()
    {
        ledgerSubscription.Dispose();
        controller.Dispose();
    }
}
