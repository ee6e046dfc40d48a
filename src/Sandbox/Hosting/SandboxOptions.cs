namespace IrOperator.Sandbox.Hosting;

/// <summary>What the sandbox program was asked for on its command line.</summary>
public sealed record SandboxOptions
{
    /// <summary>The state folder (kubeconfig, CA, files of other emulators); default <c>.sandbox</c>.</summary>
    public string StateDir { get; init; } = ".sandbox";

    /// <summary>The Kubernetes emulator's port on 127.0.0.1; 0 picks a free one.</summary>
    public int KubePort { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Also run the operator (`iroperator run`) against the emulators; the sandbox program does.</summary>
    public bool RunOperator { get; init; }

    /// <summary>Manifests applied once the operator runs (the repository's <c>examples/</c>); skipped when missing.</summary>
    public string ExamplesDir { get; init; } = "examples";

    /// <summary>
    /// Whether the API server's audit log records reads (get, list, watch) as well as writes. Off by default
    /// (a busy log); the test that derives the operator's RBAC from its requests turns it on.
    /// </summary>
    public bool AuditReads { get; init; }

    /// <summary>Faults turned on in both emulators once the examples are applied (<c>--faults</c>); none by default.</summary>
    public FaultSpec Faults { get; init; } = new();
}
