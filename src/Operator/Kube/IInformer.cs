namespace IrOperator.Kube;

/// <summary>What the host needs of any informer: run it, and know when its cache is synced (/readyz).</summary>
public interface IInformer
{
    ResourceKind Kind { get; }

    bool IsSynced { get; }

    Task Synced { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
