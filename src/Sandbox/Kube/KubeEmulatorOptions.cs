namespace IrOperator.Sandbox.Kube;

/// <summary>How to start a <see cref="KubeApiEmulator"/>.</summary>
public sealed record KubeEmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How many changes the watch history keeps; watching from an older version gets 410 Expired.</summary>
    public int HistorySize { get; init; } = 1000;

    /// <summary>How often a watch with allowWatchBookmarks gets a BOOKMARK when nothing else happens (the server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a watch without timeoutSeconds lasts.</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Clock for timestamps, ages, watch timeouts and injected latency.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the audit log goes (one audit.k8s.io/v1 Event per line, appended); null: no audit log.
    /// The sandbox writes <c>kube-audit.log</c> in its state folder.
    /// </summary>
    public string? AuditLogPath { get; init; }

    /// <summary>Whether reads (get, list, watch, discovery) are audited too (Metadata) or not (None, the default); writes always are.</summary>
    public Audit.AuditLevel AuditReads { get; init; } = Audit.AuditLevel.None;

    /// <summary>Users besides <c>admin</c> (who is always there, in system:masters): name and groups.</summary>
    public IReadOnlyList<(string Username, IReadOnlyList<string> Groups)> Users { get; init; } = [];
}
