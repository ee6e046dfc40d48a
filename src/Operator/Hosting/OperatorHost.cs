using System.Net;
using IrOperator.Kube;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Serilog;

namespace IrOperator.Hosting;

/// <summary>
/// The `iroperator run` process: the health/metrics server (Kestrel) and the operator runtime. Health is
/// served from the start (liveness must not wait for leadership); the host returns when the runtime does,
/// with a <see cref="RunOutcome"/>: after a clean stop, or after a lost lease, a failed controller or a drain
/// that outlived the graceful timeout, when the pod should restart (docs/runtime.md, "Leader hand-over").
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly OperatorRuntime _runtime;
    private readonly ILogger _log;

    private OperatorHost(WebApplication web, OperatorRuntime runtime, ILogger log)
    {
        _web = web;
        _runtime = runtime;
        _log = log;
    }

    public OperatorRuntime Runtime => _runtime;

    /// <summary>The health/metrics base address, e.g. http://127.0.0.1:41234 (the real port when 0 was asked).</summary>
    public Uri HealthEndpoint => new(_web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <param name="leaseClient">
    /// The client for Lease traffic, with its own rate limiter so renewals never queue behind controller
    /// requests (docs/runtime.md, "Rate limits"); defaults to <paramref name="client"/>.
    /// </param>
    public static async Task<OperatorHost> StartAsync(
        OperatorSettings settings, IKubernetes client, ControllerRegistry registry, TimeProvider time, ILogger log, CancellationToken cancellationToken,
        IKubernetes? leaseClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var context = new OperatorContext(
            client,
            time,
            new StatusWriter(client, log),
            new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", LeaderIdentity(settings), log),
            new ControllerOptions { Workers = settings.Workers },
            log);
        var election = settings.LeaderElection.Enabled ? new LeaderElection(leaseClient ?? client, LeaderOptions(settings), log) : null;
        var runtime = new OperatorRuntime(context, registry, election, TimeSpan.FromSeconds(settings.GracefulShutdownTimeoutSeconds));

        PrometheusExport.EnsureStarted();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSerilog(log, dispose: false);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.HealthAddress), settings.HealthPort));
        var web = builder.Build();
        web.MapGet("/healthz", () => Results.Text("ok"));
        web.MapGet("/readyz", () => runtime.IsReady()
            ? Results.Text("ok")
            : Results.Text(runtime.Failure ?? "controllers not running or informer caches not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        // prometheus-net's meter adapter publishes every System.Diagnostics.Metrics meter (ours is
        // "IrOperator") next to its process metrics; MapMetrics serves the text format.
        web.MapMetrics("/metrics");
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var host = new OperatorHost(web, runtime, log);
        log.Information("Serving /healthz, /readyz and /metrics on {Endpoint}", host.HealthEndpoint);
        return host;
    }

    /// <summary>
    /// Runs the controllers until the token fires or the process is asked to stop (SIGTERM, Ctrl+C): then
    /// they are stopped and drained while the Lease is still renewed, and the Lease is handed back. Returns
    /// early after a lost lease or a failed controller; the caller exits non-zero for anything but
    /// <see cref="RunOutcome.Stopped"/>.
    /// </summary>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        // ASP.NET Core's console lifetime takes SIGTERM for itself: without this link the web server
        // would stop while the controllers kept running.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _web.Lifetime.ApplicationStopping);
        var outcome = await _runtime.RunAsync(stop.Token).ConfigureAwait(false);
        _log.Information("Operator runtime stopped: {Outcome}", outcome);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }

    internal static LeaderElectionOptions LeaderOptions(OperatorSettings settings)
    {
        var election = settings.LeaderElection;
        return new LeaderElectionOptions
        {
            Enabled = election.Enabled,
            LeaseName = election.LeaseName,
            LeaseNamespace = string.IsNullOrWhiteSpace(election.LeaseNamespace) ? PodNamespace() : election.LeaseNamespace,
            Identity = LeaderIdentity(settings),
            LeaseDuration = TimeSpan.FromSeconds(election.LeaseDurationSeconds),
            RenewDeadline = TimeSpan.FromSeconds(election.RenewDeadlineSeconds),
            RetryPeriod = TimeSpan.FromSeconds(election.RetryPeriodSeconds),
        };
    }

    private static string LeaderIdentity(OperatorSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.LeaderElection.Identity))
        {
            return settings.LeaderElection.Identity;
        }
        var pod = Environment.GetEnvironmentVariable("POD_NAME");
        if (!string.IsNullOrWhiteSpace(pod))
        {
            return pod;
        }
        settings.LeaderElection.Identity = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
        return settings.LeaderElection.Identity;
    }

    private static string PodNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "default";
    }
}
