namespace IrOperator.Kube;

/// <summary>What the host needs of any controller: a name, its informers (for /readyz) and a run loop.</summary>
public interface IController
{
    string Name { get; }

    IReadOnlyList<IInformer> Informers { get; }

    /// <summary>Runs informers and workers until the token is cancelled (shutdown or lost leadership).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
