using IrOperator.Kube;

namespace IrOperator.TestOperator;

/// <summary>A controller that crashes <paramref name="after"/> it starts, as a controller with a bug would.</summary>
internal sealed class FailingController(TimeSpan after) : IController
{
    public string Name => "failing";

    public IReadOnlyList<IInformer> Informers => [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(after, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("the test controller failed on purpose");
    }
}
