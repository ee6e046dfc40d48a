using System.Net;
using IrOperator.Cli;
using IrOperator.Hosting;
using IrOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The product inside the sandbox: the same code as `iroperator run` (<see cref="RunCommand.RunAsync"/>),
/// configured only through what a user would have, the state folder's kubeconfig and the AWS profile
/// <c>operator</c> the sandbox wrote, plus the examples applied so roles appear in the emulated accounts.
/// </summary>
public sealed class SandboxOperator : IAsyncDisposable
{
    /// <summary>
    /// The kubeconfig context the operator runs as: the operator's service account, with exactly the rights
    /// the Helm chart's ClusterRole gives it (deploy/helm/ir-operator/templates/operator-rbac.yaml, applied by
    /// <see cref="SandboxRbac"/>), so a verb missing there fails here.
    /// </summary>
    public const string KubeContext = SandboxUsers.OperatorServiceAccount;

    /// <summary>The AWS profile the operator uses (written by <see cref="AwsSandboxFileWriter"/>).</summary>
    public const string AwsProfile = "operator";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    private SandboxOperator(OperatorSettings settings, TimeProvider time)
    {
        Settings = settings;
        _run = Task.Run(() => RunCommand.RunAsync(settings, _stop.Token, time: time));
    }

    public OperatorSettings Settings { get; }

    /// <summary>Completes when the operator stops (its exit code: 0 after a requested stop).</summary>
    public Task<int> Completion => _run;

    /// <param name="time">The operator's clock: the emulators' (the scenario skips it ahead), null for the system's.</param>
    /// <param name="configure">Changes to the settings, e.g. a propagation window that matches injected faults.</param>
    public static SandboxOperator Start(string kubeconfigPath, AwsSandboxFiles files, TimeProvider? time = null, Action<OperatorSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var settings = new OperatorSettings
        {
            Kubeconfig = kubeconfigPath,
            Context = KubeContext,
            HealthAddress = "127.0.0.1",
            HealthPort = 0,
            LogFormat = "text",
            // The sandbox narrates on the same console: the operator adds only what needs attention.
            LogLevel = "Warning",
        };
        // One replica in-process: no lease to hold (a lost lease would end the operator's process, here the
        // whole sandbox; docs/runtime.md, "Leader hand-over").
        settings.LeaderElection.Enabled = false;
        settings.Aws.Profile = AwsProfile;
        settings.Aws.CredentialsFile = files.CredentialsFile;
        configure?.Invoke(settings);
        return new SandboxOperator(settings, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Creates every object of the YAML files in <paramref name="directory"/> (in file-name order), as admin, and each
    /// BreakGlassGrant as its requester (<paramref name="asRequester"/>: the approval admission policy admits a grant
    /// only from the user it names, docs/approvals.md); existing ones are left as they are. Returns how many of the
    /// examples are in place.
    /// </summary>
    public static async Task<int> ApplyExamplesAsync(IKubernetes client, string directory, CancellationToken cancellationToken, Func<string, IKubernetes>? asRequester = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var applied = 0;
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var manifest in Manifests.ParseYaml(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)))
            {
                try
                {
                    switch (Manifests.ToObject(manifest))
                    {
                        case V1Namespace ns:
                            await client.CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case ResponderRole:
                            await client.CustomObjects.CreateClusterCustomObjectAsync(manifest, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case BreakGlassGrant grant:
                            var requester = asRequester?.Invoke(grant.Spec.RequestedBy);
                            try
                            {
                                await (requester ?? client).CustomObjects.CreateNamespacedCustomObjectAsync(manifest, IrOperatorApi.Group, IrOperatorApi.Version, grant.Metadata.NamespaceProperty ?? "default", IrOperatorApi.BreakGlassGrantPlural, cancellationToken: cancellationToken).ConfigureAwait(false);
                            }
                            finally
                            {
                                requester?.Dispose();
                            }
                            break;
                    }
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    // Already there (the incident-response namespace comes with the sandbox's RBAC): left as it is.
                }
                applied++;
            }
        }
        return applied;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
