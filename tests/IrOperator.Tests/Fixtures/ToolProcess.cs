using System.Diagnostics;

namespace IrOperator.Tests.Fixtures;

/// <summary>
/// Runs a command-line tool (kubectl, helm, promtool, lua5.1, node) to completion with a deadline and returns its exit
/// code, standard output and standard error. A tool that is not installed fails the test with a pointer to
/// .ci/install-tools, which installs them; one that outlives the deadline is killed and fails it.
/// </summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(info);
        Process? started;
        try
        {
            started = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"{info.FileName} is not on PATH; .ci/install-tools installs it", info.FileName, e);
        }

        using var process = started ?? throw new InvalidOperationException($"{info.FileName} did not start");
        using var cts = new CancellationTokenSource(deadline);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within {deadline}");
        }

        return (process.ExitCode, await output, await error);
    }
}
