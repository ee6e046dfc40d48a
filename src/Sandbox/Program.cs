using System.CommandLine;
using System.Runtime.InteropServices;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Scenario;

namespace IrOperator.Sandbox;

internal static class Program
{
    // `sandbox`: the whole system on one machine, on 127.0.0.1, until Ctrl-C; or, with --scenario, one grant
    // narrated from request to expiry, then exit (0 passed, 1 a step failed, 2 a bad command line).
    public static Task<int> Main(string[] args)
    {
        var stateDir = new Option<string>("--state-dir")
        {
            Description = "Folder for the kubeconfig, CA and other state files.",
            DefaultValueFactory = _ => ".sandbox",
        };
        var kubePort = new Option<int>("--kube-port")
        {
            Description = "Port of the Kubernetes API emulator on 127.0.0.1 (0: a free port).",
            DefaultValueFactory = _ => 0,
        };
        var scenario = new Option<bool>("--scenario")
        {
            Description = "Narrate one break-glass grant end to end (alice requests, bob approves, alice uses it with STS, it expires) as a timeline, then exit: 0 when every step behaved as expected, 1 naming the step that did not. Under a minute.",
        };
        var faults = new Option<string>("--faults")
        {
            Description = "Turn on the emulators' fault injection once started, as comma-separated key=value pairs, e.g. "
                + "kube.error-rate=0.05,kube.watch-drop=30s,aws.throttle-rate=0.1,aws.consistency-delay=3s. Keys:"
                + string.Concat(FaultSpec.Keys.Select(k => $"\n  {k.Key}: {k.Meaning}"))
                + "\nA bad key or value exits with code 2.",
        };
        var root = new RootCommand("IrOperator sandbox: Kubernetes and AWS emulators on 127.0.0.1, the operator running against them with the examples applied, and a kubeconfig and AWS profiles for kubectl and the AWS CLI.")
        {
            stateDir,
            kubePort,
            scenario,
            faults,
        };
        root.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            FaultSpec faultSpec;
            try
            {
                faultSpec = FaultSpec.Parse(parse.GetValue(faults) ?? "");
            }
            catch (FormatException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"sandbox: --faults: {e.Message}");
                return 2;
            }
            // The scenario's clock can skip ahead to a grant's end; everything in the sandbox runs on it.
            var clock = parse.GetValue(scenario) ? new SandboxClock() : null;
            var options = new SandboxOptions
            {
                StateDir = parse.GetValue(stateDir)!, KubePort = parse.GetValue(kubePort), RunOperator = true,
                Time = clock ?? TimeProvider.System, Faults = faultSpec,
            };

            // Stop on Ctrl-C and on SIGTERM (what `kill` and process supervisors send), and let the
            // emulators shut down in order. The emulators leave the signals to us (EmbeddedHostLifetime);
            // the command line library's own handling ends the process without that orderly stop.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                stopping.Cancel();
            }

            await using var host = await SandboxHost.StartAsync(options, stopping.Token);
            if (clock is not null)
            {
                return await ScenarioCommand.RunAsync(host, clock, faultSpec, output, stopping.Token);
            }
            // Usage ends with "Press Ctrl-C to stop.": what to try next, and the faults, go before it.
            var usage = host.Usage();
            foreach (var line in usage.SkipLast(1).Concat(TryNext.Lines(host.KubeconfigPath, host.Aws.Files.EnvFile)))
            {
                output.WriteLine(line);
            }
            if (!faultSpec.IsEmpty)
            {
                output.WriteLine($"Faults on: {faultSpec.Describe()}.");
            }
            output.WriteLine(usage[^1]);

            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("Stopped.");
            }

            return 0;
        });
        return root.Parse(args).InvokeAsync();
    }
}
