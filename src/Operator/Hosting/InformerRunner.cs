using IrOperator.Kube;

namespace IrOperator.Hosting;

/// <summary>
/// Runs the shared informers no controller runs itself (a kind only read by others), so their caches
/// fill and count for /readyz like every other informer.
/// </summary>
internal sealed class InformerRunner(IReadOnlyList<IInformer> informers) : IController
{
    public string Name => "shared-informers";

    public IReadOnlyList<IInformer> Informers => informers;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(informers.Select(i => i.RunAsync(cancellationToken)));
}
