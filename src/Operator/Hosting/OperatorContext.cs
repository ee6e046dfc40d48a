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
    ILogger Log);
