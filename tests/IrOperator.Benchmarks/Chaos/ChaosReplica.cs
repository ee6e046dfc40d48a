using IrOperator.Benchmarks.ResponderRoles;
using IrOperator.Sandbox.Kube.Faults;

namespace IrOperator.Benchmarks.Chaos;

/// <summary>One operator replica of the chaos run: its process (restarted under a new identity, as a new pod), and the relay to the API server it talks through.</summary>
internal sealed class ChaosReplica(string slot)
{
    public string Slot { get; } = slot;

    public int Generation { get; set; }

    public string Identity => $"{Slot}-{Generation}";

    public OperatorProcess? Process { get; set; }

    public TcpProxy? Proxy { get; set; }

    /// <summary>Set while the harness itself is taking the replica down, so the supervisor does not count it as a crash.</summary>
    public bool Planned { get; set; }
}
