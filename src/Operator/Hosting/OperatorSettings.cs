using IrOperator.Aws;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;

namespace IrOperator.Hosting;

/// <summary>
/// Everything `iroperator run` can be told, bound from (last wins) appsettings.json, IROPERATOR_*
/// environment variables (`__` for nesting, e.g. IROPERATOR_LeaderElection__LeaseNamespace) and flags.
/// </summary>
public sealed class OperatorSettings
{
    /// <summary>Kubeconfig file; empty means in-cluster config when in a pod, else $KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }

    public string? Context { get; set; }

    /// <summary>Address of /healthz, /readyz and /metrics: all interfaces by default, since kubelet probes the pod IP.</summary>
    public string HealthAddress { get; set; } = "0.0.0.0";

    /// <summary>Port of /healthz, /readyz and /metrics (0 picks a free one).</summary>
    public int HealthPort { get; set; } = 8081;

    /// <summary>Workers per controller.</summary>
    public int Workers { get; set; } = 2;

    public string LogLevel { get; set; } = "Information";

    /// <summary>`json` (compact JSON, one event a line) or `text` (for a terminal).</summary>
    public string LogFormat { get; set; } = "json";

    /// <summary>Client-side request rate of the controllers' client (controller-runtime's default 20); 0 disables it.</summary>
    public double Qps { get; set; } = 20;

    /// <summary>Requests allowed in a burst above <see cref="Qps"/> (controller-runtime's default 30).</summary>
    public int Burst { get; set; } = 30;

    /// <summary>Requests that may wait for a rate-limit token; more fail at once and the reconcile backs off.</summary>
    public int RequestQueueLimit { get; set; } = 1000;

    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// On shutdown, how long the controllers may take to finish in-flight reconciles while the Lease is still
    /// renewed; past it the Lease is left to expire and the process exits (docs/runtime.md, "Leader hand-over").
    /// Keep it below the pod's terminationGracePeriodSeconds.
    /// </summary>
    public double GracefulShutdownTimeoutSeconds { get; set; } = 30;

    public LeaderElectionSettings LeaderElection { get; set; } = new();

    /// <summary>The AWS access layer: identities, Organizations access, provisioner role, inventory, rate limits (docs/aws.md).</summary>
    public AwsAccessOptions Aws { get; set; } = new();

    /// <summary>The ResponderRole controller: resync (drift) interval, parallelism, propagation window, cluster id.</summary>
    public ResponderRoleOptions ResponderRoles { get; set; } = new();

    /// <summary>The BreakGlassGrant controller: source identity prefixes, retention of finished grants (docs/grants.md).</summary>
    public GrantOptions Grants { get; set; } = new();

    /// <summary>Field-naming validation, so a bad flag or variable fails at start with what to change.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HealthPort is < 0 or > 65535)
        {
            errors.Add($"healthPort must be between 0 and 65535 (got {HealthPort}).");
        }
        if (!System.Net.IPAddress.TryParse(HealthAddress, out _))
        {
            errors.Add($"healthAddress must be an IP address (got '{HealthAddress}').");
        }
        if (Workers < 1)
        {
            errors.Add($"workers must be at least 1 (got {Workers}).");
        }
        if (Qps < 0)
        {
            errors.Add($"qps must not be negative (got {Qps}).");
        }
        if (Burst < 1)
        {
            errors.Add($"burst must be at least 1 (got {Burst}).");
        }
        if (RequestQueueLimit < 0)
        {
            errors.Add($"requestQueueLimit must not be negative (got {RequestQueueLimit}).");
        }
        if (!(GracefulShutdownTimeoutSeconds > 0) || double.IsInfinity(GracefulShutdownTimeoutSeconds))
        {
            errors.Add($"gracefulShutdownTimeoutSeconds must be a positive number of seconds (got {GracefulShutdownTimeoutSeconds}).");
        }
        if (MaxRetries < 0)
        {
            errors.Add($"maxRetries must not be negative (got {MaxRetries}).");
        }
        if (LogFormat is not ("json" or "text"))
        {
            errors.Add($"logFormat must be 'json' or 'text' (got '{LogFormat}').");
        }
        if (!Enum.TryParse<Serilog.Events.LogEventLevel>(LogLevel, ignoreCase: true, out _))
        {
            errors.Add($"logLevel must be one of Verbose, Debug, Information, Warning, Error, Fatal (got '{LogLevel}').");
        }
        if (LeaderElection.Enabled && string.IsNullOrWhiteSpace(LeaderElection.LeaseName))
        {
            errors.Add("leaderElection.leaseName must be set when leader election is enabled.");
        }
        if (LeaderElection.Enabled)
        {
            errors.AddRange(LeaderElection.Validate());
        }
        errors.AddRange(ResponderRoles.Validate());
        try
        {
            Aws.Resilience.Validate();
            Aws.Provisioner.Validate();
        }
        catch (ArgumentException e)
        {
            errors.Add($"aws: {e.Message}");
        }
        if (Aws.Inventory.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"aws.inventory.refreshInterval must be at least 1 second (got {Aws.Inventory.RefreshInterval}).");
        }
        return errors;
    }
}
