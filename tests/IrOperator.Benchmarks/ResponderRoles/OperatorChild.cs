using System.Diagnostics;
using System.Globalization;
using IrOperator.Aws.Resilience;
using IrOperator.Benchmarks.Runtime;
using IrOperator.Cli;
using IrOperator.Hosting;

namespace IrOperator.Benchmarks.ResponderRoles;

/// <summary>
/// The operator process of the ResponderRole harness: `iroperator run` itself (<see cref="RunCommand.RunAsync"/>,
/// the same composition root), configured only through settings and the standard AWS variables the parent sets.
/// Runs until its standard input closes, then prints its peak working set on one marked line.
/// </summary>
internal static class OperatorChild
{
    public const string Verb = "responder-roles-operator";
    public const string Marker = "BENCH-MEMORY";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new OperatorSettings
        {
            Kubeconfig = RuntimeScaleHarness.StringArg(args, "--kubeconfig"),
            HealthAddress = "127.0.0.1",
            HealthPort = RuntimeScaleHarness.IntArg(args, "--health-port", 0),
            Workers = RuntimeScaleHarness.IntArg(args, "--workers", 2),
            LogLevel = "Warning",
            LogFormat = "text",
            // The harnesses pass their client-side Kubernetes limit (the operator ships with 20/s); 0 lifts it.
            Qps = RuntimeScaleHarness.IntArg(args, "--kube-qps", 50),
        };
        settings.LeaderElection.Enabled = false;
        // The benchmarks' emulator has no approval admission policy (they measure the operator, not admission).
        settings.Grants.RequireApprovalPolicy = false;
        var rate = RuntimeScaleHarness.IntArg(args, "--rate-limit", 10);
        // The limit under test is IAM's, per member account; Organizations and STS keep the shipped default.
        settings.Aws.Resilience.RateLimits["iam"] = new AwsRateLimit(rate, RuntimeScaleHarness.IntArg(args, "--burst", rate));
        if (rate <= 0)
        {
            // 0: IAM keeps the shipped default too (the chaos run).
            settings.Aws.Resilience.RateLimits.Remove("iam");
        }
        // The chaos run elects a leader among replicas (lease timing in seconds, shipped defaults unless given).
        if (RuntimeScaleHarness.StringArg(args, "--identity") is { } identity)
        {
            settings.LeaderElection.Enabled = true;
            settings.LeaderElection.Identity = identity;
            settings.LeaderElection.LeaseNamespace = RuntimeScaleHarness.StringArg(args, "--lease-namespace");
            settings.LeaderElection.LeaseDurationSeconds = RuntimeScaleHarness.IntArg(args, "--lease-seconds", 15);
            settings.LeaderElection.RenewDeadlineSeconds = RuntimeScaleHarness.IntArg(args, "--renew-seconds", 10);
            settings.LeaderElection.RetryPeriodSeconds = RuntimeScaleHarness.IntArg(args, "--retry-seconds", 2);
        }
        settings.ResponderRoles.ClusterId = BenchRoles.ClusterId;
        settings.ResponderRoles.MaxParallelAccounts = RuntimeScaleHarness.IntArg(args, "--parallel-accounts", 8);
        // The resync doubles as the recheck after a write (the propagation window): one steady-state pass.
        settings.ResponderRoles.ResyncInterval = TimeSpan.FromSeconds(RuntimeScaleHarness.IntArg(args, "--resync-seconds", 600));
        var window = RuntimeScaleHarness.IntArg(args, "--propagation-ms", -1);
        settings.ResponderRoles.PropagationWindow = window >= 0 ? TimeSpan.FromMilliseconds(window) : settings.ResponderRoles.ResyncInterval;

        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is not null)
            {
            }
            await stop.CancelAsync();
        });
        var code = await RunCommand.RunAsync(settings, stop.Token);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Marker} {self.PeakWorkingSet64} {GC.GetTotalMemory(false)} {code}"));
        return code;
    }
}
