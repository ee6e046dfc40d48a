using IrOperator.Kube;
using k8s;
using Serilog;

namespace IrOperator.Hosting;

/// <summary>What a controller factory gets to build its controller: the client and the shared helpers.</summary>
public sealed record OperatorContext(
    IKubernetes Client,
    TimeProvider Time,
    StatusWriter Status,
    Finalizers Finalizers,
    EventRecorder Events,
    ControllerOptions ControllerOptions,
    ILogger Log)
{
    /// <summary>This leadership term's informers, one per kind (set by the registry when it builds the term's controllers).</summary>
    public SharedInformers Informers { get; init; } = new(Client, Time, Log);
}
