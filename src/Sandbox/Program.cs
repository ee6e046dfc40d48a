using System.CommandLine;
using System.Runtime.InteropServices;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Sandbox;

internal static class Program
{
    // `sandbox`: the whole system on one machine, on 127.0.0.1, until Ctrl-C.
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
        var root = new RootCommand("IrOperator sandbox: Kubernetes and AWS emulators on 127.0.0.1, the operator running against them with the examples applied, and a kubeconfig and AWS profiles for kubectl and the AWS CLI.")
        {
            stateDir,
            kubePort,
        };
        root.SetAction(async (parse, ct) =>
        {
            var options = new SandboxOptions { StateDir = parse.GetValue(stateDir)!, KubePort = parse.GetValue(kubePort), RunOperator = true };

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
            foreach (var line in host.Usage())
            {
                parse.InvocationConfiguration.Output.WriteLine(line);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                parse.InvocationConfiguration.Output.WriteLine("Stopping.");
            }

            return 0;
        });
        return root.Parse(args).InvokeAsync();
    }
}
