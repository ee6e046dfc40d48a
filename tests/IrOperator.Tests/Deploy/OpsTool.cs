using System.Diagnostics;
using IrOperator.Tests.Fixtures;

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

        var (exitCode, output, error) = await ToolProcess.RunAsync(info, Deadline);
        return (exitCode, output + error);
    }
}
