using System.CommandLine;
using IrOperator.Hosting;
using Microsoft.Extensions.Configuration;

namespace IrOperator.Cli;

/// <summary>
/// `iroperator run`: the operator itself. Settings come from appsettings.json, then IROPERATOR_*
/// environment variables, then flags (last wins); what runs is composed in one place,
/// <see cref="OperatorComposition"/>. The sandbox runs the operator through <see cref="RunAsync"/> too.
/// </summary>
public static class RunCommand
{
    /// <param name="controllers">What runs; null for the product's controllers (see <see cref="OperatorCli.Build"/>).</param>
    public static Command Create(Func<IServiceProvider, ControllerRegistry>? controllers = null)
    {
        var command = new Command("run", "Run the operator (the default verb).");
        var flags = new SettingFlags(
        [
            (new Option<string>("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster config, else $KUBECONFIG or ~/.kube/config)." }, "Kubeconfig"),
            (new Option<string>("--context") { Description = "Kubeconfig context to use." }, "Context"),
            (new Option<string>("--health-address") { Description = "Address of /healthz, /readyz and /metrics (default 0.0.0.0)." }, "HealthAddress"),
            (new Option<int?>("--health-port") { Description = "Port of /healthz, /readyz and /metrics (default 8081; 0 picks a free port)." }, "HealthPort"),
            (new Option<int?>("--workers") { Description = "Concurrent reconciles per controller (default 2)." }, "Workers"),
            (new Option<double?>("--qps") { Description = "Client-side API request rate limit (default 20; 0 disables)." }, "Qps"),
            (new Option<int?>("--burst") { Description = "Requests allowed in a burst above --qps (default 30)." }, "Burst"),
            (new Option<int?>("--request-queue-limit") { Description = "Requests that may wait for the rate limit; more fail at once (default 1000)." }, "RequestQueueLimit"),
            (new Option<double?>("--graceful-shutdown-timeout") { Description = "Seconds in-flight reconciles may take to finish on shutdown while the Lease is kept (default 30)." }, "GracefulShutdownTimeoutSeconds"),
            (new Option<int?>("--max-retries") { Description = "Retries of an API request after 429, 5xx or a dropped connection (default 5)." }, "MaxRetries"),
            (new Option<bool?>("--leader-elect") { Description = "Run controllers only while holding the Lease (default true)." }, "LeaderElection:Enabled"),
            (new Option<string>("--lease-namespace") { Description = "Namespace of the leader Lease (default: the pod's namespace, else default)." }, "LeaderElection:LeaseNamespace"),
            (new Option<string>("--lease-name") { Description = "Name of the leader Lease (default iroperator-leader)." }, "LeaderElection:LeaseName"),
            (new Option<string>("--identity") { Description = "This replica's identity in the Lease (default: $POD_NAME)." }, "LeaderElection:Identity"),
            (new Option<string>("--log-level") { Description = "Verbose, Debug, Information, Warning, Error or Fatal (default Information)." }, "LogLevel"),
            (new Option<string>("--log-format") { Description = "json (compact JSON lines, default) or text." }, "LogFormat"),
            (new Option<string>("--aws-profile") { Description = "AWS profile of the operator's own identity (default: the SDK's chain: environment, IRSA, Pod Identity, instance role)." }, "Aws:Profile"),
            (new Option<string>("--aws-organizations-profile") { Description = "AWS profile for Organizations reads: the management account or a delegated administrator, by its keys or by a role (role_arn + source_profile) (default: the operator's identity)." }, "Aws:OrganizationsProfile"),
            (new Option<string>("--aws-region") { Description = "AWS region (default: AWS_REGION, else us-east-1); picks the partition." }, "Aws:Endpoints:Region"),
            (new Option<string>("--provisioner-role-name") { Description = "Role assumed in each member account to manage IAM roles (default IrOperatorProvisioner)." }, "Aws:Provisioner:RoleName"),
            (new Option<string>("--provisioner-role-path") { Description = "IAM path of the provisioner role (default /)." }, "Aws:Provisioner:RolePath"),
            (new Option<TimeSpan?>("--inventory-refresh") { Description = "How long the organization's account list is cached, hh:mm:ss (default 00:05:00)." }, "Aws:Inventory:RefreshInterval"),
            (new Option<int?>("--aws-rate-limit") { Description = "AWS calls per second per account and action (default 10; burst 20; per action in Aws:Resilience:RateLimits)." }, "Aws:Resilience:DefaultRateLimit:PermitsPerSecond"),
            (new Option<TimeSpan?>("--resync-interval") { Description = "How often every ResponderRole is compared with IAM to correct drift, hh:mm:ss (default 00:10:00)." }, "ResponderRoles:ResyncInterval"),
            (new Option<int?>("--max-parallel-accounts") { Description = "Accounts of one ResponderRole worked on at the same time (default 8)." }, "ResponderRoles:MaxParallelAccounts"),
            (new Option<string>("--cluster-id") { Description = "This cluster's id in the roles' ownership tag (default: default)." }, "ResponderRoles:ClusterId"),
            (new Option<string>("--default-permissions-boundary") { Description = "Permissions boundary of every ResponderRole that sets none; {accountId} names each account's own (e.g. arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary; docs/responder-roles.md)." }, "ResponderRoles:DefaultPermissionsBoundary"),
            (new Option<bool?>("--require-approval-policy") { Description = "Open approved grants only while the approval admission policy and its Deny binding exist (default true; docs/approvals.md)." }, "Grants:RequireApprovalPolicy"),
        ]);
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = flags.Given(parse);
            return await RunAsync(LoadSettings(overrides), cancellationToken, controllers).ConfigureAwait(false);
        });
        return command;
    }

    internal static OperatorSettings LoadSettings(IReadOnlyDictionary<string, string?> flags)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("IROPERATOR_")
            .AddInMemoryCollection(flags)
            .Build();
        var settings = new OperatorSettings();
        configuration.Bind(settings);
        return settings;
    }

    /// <summary>The operator process: validates settings, then runs until cancelled or leadership is lost (exit code 1).</summary>
    /// <param name="time">The clock; null for the system's (the sandbox's scenario shares its own with the emulators).</param>
    public static async Task<int> RunAsync(
        OperatorSettings settings, CancellationToken cancellationToken, Func<IServiceProvider, ControllerRegistry>? controllers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"iroperator run: {error}").ConfigureAwait(false);
            }
            return 2;
        }
        var log = OperatorLogging.Create(settings);
        try
        {
            time ??= TimeProvider.System;
            using var client = (IDisposable)KubeClientFactory.Create(settings, time);
            using var leaseClient = (IDisposable)KubeClientFactory.CreateLeaseClient(settings, time);
            await using var services = OperatorComposition.Services(settings, time, log);
            await using var host = await OperatorHost.StartAsync(
                settings, (k8s.IKubernetes)client, (controllers ?? OperatorComposition.Controllers)(services), time, log, cancellationToken, (k8s.IKubernetes)leaseClient).ConfigureAwait(false);
            var outcome = await host.RunAsync(cancellationToken).ConfigureAwait(false);
            if (outcome is RunOutcome.LeadershipLost or RunOutcome.DrainTimedOut)
            {
                // Reconciles may still be running: end the process now, without the orderly disposal below, so
                // none of them outlives the Lease (docs/runtime.md, "Leader hand-over"). Kubernetes restarts the pod.
                log.Fatal("iroperator exits at once ({Outcome}); in-flight reconciles are abandoned", outcome);
                await log.DisposeAsync().ConfigureAwait(false);
                Environment.Exit(1);
            }
            if (outcome is RunOutcome.ControllerFailed)
            {
                log.Fatal("iroperator exits: {Failure}", host.Runtime.Failure);
                return 1;
            }
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or HttpRequestException or IOException or InvalidOperationException
                                       or Amazon.Runtime.AmazonClientException)
        {
            log.Fatal(e, "iroperator could not start: {Reason}", e.Message);
            return 1;
        }
        finally
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }
    }
}
