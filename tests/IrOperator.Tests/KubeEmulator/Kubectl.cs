using System.Diagnostics;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// Runs the machine's kubectl against a kubeconfig, with its own HOME and discovery cache (so runs never
/// share state) and a deadline. Fails the test when kubectl is missing: CI installs it.
/// </summary>
internal sealed class Kubectl(string kubeconfig, string workDir)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        info.Environment["HOME"] = workDir;
        info.Environment.Remove("KUBECONFIG");
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(workDir, "kube-cache") }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("kubectl did not start");
        using var cts = new CancellationTokenSource(Deadline);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Deadline}");
        }

        return (process.ExitCode, await output, await error);
    }
}
