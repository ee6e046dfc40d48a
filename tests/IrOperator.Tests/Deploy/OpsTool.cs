using System.Diagnostics;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// Runs a command-line tool (promtool, lua5.1, node) with a deadline and returns its exit code and output.
/// A missing tool fails the test with a pointer to .ci/install-tools, which installs them.
/// </summary>
internal static class OpsTool
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> args, string? workDir = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? OpsRepository.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"{tool} is not on PATH; .ci/install-tools installs it", tool, e);
        }

        using (process)
        {
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
                throw new TimeoutException($"{tool} {string.Join(' ', info.ArgumentList)} did not finish within {Deadline}");
            }

            return (process.ExitCode, await output + await error);
        }
    }
}
