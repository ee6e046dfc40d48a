using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Kube;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// Starts the sandbox's components on 127.0.0.1 and writes what a user needs into the state folder:
/// the Kubernetes API emulator with the project's CRDs, the Helm chart's RBAC (<see cref="SandboxRbac"/>) and the chart's
/// approval admission policy (deploy/helm/ir-operator/files/admission) installed,
/// <c>kubeconfig</c> (contexts admin, alice, bob, carol and the operator's service account iroperator;
/// admin current), <c>kube-ca.crt</c> and the API server's audit log <c>kube-audit.log</c>. Dispose to
/// stop everything.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public const string KubeconfigFile = "kubeconfig";
    public const string KubeCaFile = "kube-ca.crt";
    public const string KubeAuditLogFile = "kube-audit.log";

    private SandboxHost(string stateDir, KubeApiEmulator kube, AwsSandbox aws)
    {
        StateDir = stateDir;
        Kube = kube;
        Aws = aws;
    }

    /// <summary>The operator, when <see cref="SandboxOptions.RunOperator"/> was asked for.</summary>
    public SandboxOperator? Operator { get; private set; }

    /// <summary>How many example objects were applied (0 when the operator does not run or examples/ is missing).</summary>
    public int ExamplesApplied { get; private set; }

    /// <summary>The absolute path of the state folder.</summary>
    public string StateDir { get; }

    public KubeApiEmulator Kube { get; }

    /// <summary>The AWS emulator (IAM, STS, Organizations) with the sample organization, and its CLI files.</summary>
    public AwsSandbox Aws { get; }

    public string KubeconfigPath => Path.Combine(StateDir, KubeconfigFile);

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stateDir = Path.GetFullPath(options.StateDir);
        Directory.CreateDirectory(stateDir);

        var kube = await KubeApiEmulator.StartAsync(
            new KubeEmulatorOptions { Port = options.KubePort, Time = options.Time, Users = SandboxUsers.All, AuditLogPath = Path.Combine(stateDir, KubeAuditLogFile),
                AuditReads = options.AuditReads ? IrOperator.Sandbox.Kube.Audit.AuditLevel.Metadata : IrOperator.Sandbox.Kube.Audit.AuditLevel.None },
            ct);
        try
        {
            kube.InstallCrds(CrdGenerator.GenerateAll());
            SandboxRbac.Apply(kube);
            SandboxAdmission.Apply(kube);
            kube.WriteKubeconfig(Path.Combine(stateDir, KubeconfigFile));
            await File.WriteAllTextAsync(Path.Combine(stateDir, KubeCaFile), kube.CaPem, ct);

            // Next components (the operator) start here, write their files into stateDir, and add
            // their lines to Usage().
            var aws = await AwsSandbox.StartAsync(stateDir, new AwsEmulatorOptions { Clock = options.Time }, ct);
            var host = new SandboxHost(stateDir, kube, aws);
            if (options.RunOperator)
            {
                host.Operator = SandboxOperator.Start(host.KubeconfigPath, aws.Files, options.Time, settings =>
                {
                    // With an injected consistency delay, a read-back inside the default one-minute window would hold
                    // activation for that minute (docs/responder-roles.md): the window just covers the delay instead.
                    if (options.Faults.AwsConsistencyDelay > TimeSpan.Zero)
                    {
                        settings.ResponderRoles.PropagationWindow = options.Faults.AwsConsistencyDelay + TimeSpan.FromSeconds(2);
                    }
                });
                if (Directory.Exists(options.ExamplesDir))
                {
                    using var admin = kube.CreateClient();
                    host.ExamplesApplied = await SandboxOperator.ApplyExamplesAsync(admin, options.ExamplesDir, ct, kube.CreateClient);
                }
            }
            // After start-up, so the sandbox's own set-up calls (which do not retry) are not hit; the operator rides them out.
            options.Faults.ApplyTo(kube.Faults, aws.Emulator.Faults);
            return host;
        }
        catch
        {
            await kube.DisposeAsync();
            throw;
        }
    }

    /// <summary>What to print once started: where things are and how to use them with kubectl.</summary>
    public IReadOnlyList<string> Usage()
    {
        var kubeconfig = KubeconfigPath;
        return
        [
            $"Kubernetes API emulator: {Kube.BaseUri}",
            $"State folder:            {StateDir}",
            $"API audit log:           {Path.Combine(StateDir, KubeAuditLogFile)}",
            "",
            "Use it with kubectl:",
            $"  export KUBECONFIG={kubeconfig}",
            "  kubectl get rr,bgg -A                          # as admin (system:masters)",
            "  kubectl apply -f examples/                     # grants only as their requester: --context alice",
            "  kubectl --context alice get bgg -A            # alice: responder (ir-responders)",
            "  kubectl --context bob get bgg -A              # bob, carol: approvers (ir-approvers)",
            "  kubectl --context iroperator auth whoami      # the operator's service account",
            "  kubectl --context alice auth can-i --list -n incident-response",
            "  kubectl get bgg -A -w                          # watch grants change",
            "",
            .. Aws.Usage.Split('\n'),
            "",
            .. OperatorUsage(),
            "Press Ctrl-C to stop.",
        ];
    }

    private IEnumerable<string> OperatorUsage()
    {
        if (Operator is null)
        {
            return [];
        }
        return
        [
            $"Operator: `iroperator run` as kubeconfig context {SandboxOperator.KubeContext}, AWS profile {SandboxOperator.AwsProfile}; {ExamplesApplied} example objects applied",
            "  kubectl get rr                                 # ACCOUNTS READY fills in as roles appear",
            "  kubectl describe rr security-analyst           # per-account state and Events",
            "  aws --profile admin-prod iam list-roles --path-prefix /incident-response/",
            "",
        ];
    }

    public async ValueTask DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }
        await Aws.DisposeAsync();
        await Kube.DisposeAsync();
    }
}
