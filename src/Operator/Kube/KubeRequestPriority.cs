namespace IrOperator.Kube;

/// <summary>
/// Marks the Kubernetes requests of urgent work (ending access: docs/runtime.md, "Urgent work"). The controller sets
/// it around the reconcile of a key handed out as urgent; <see cref="KubeRequestPolicy"/> sends the requests made
/// inside it through the urgent budget, so they never queue behind ordinary requests. Flows with the async context.
/// </summary>
public static class KubeRequestPriority
{
    private static readonly AsyncLocal<bool> Current = new();

    /// <summary>True inside an urgent scope.</summary>
    public static bool IsUrgent => Current.Value;

    /// <summary>Starts an urgent scope for this async flow; disposing it restores what was there before.</summary>
    public static IDisposable BeginUrgent()
    {
        var previous = Current.Value;
        Current.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
