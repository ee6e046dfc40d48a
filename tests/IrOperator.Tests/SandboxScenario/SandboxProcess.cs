using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace IrOperator.Tests.SandboxScenario;

/// <summary>
/// The sandbox program as a user runs it: the built <c>sandbox.dll</c> (src/Sandbox) in a child process, from a folder
/// holding <c>examples/</c>, with its own state folder; its exit code and everything it printed.
/// </summary>
public static class SandboxProcess
{
    public static string DllPath { get; } =
        typeof(SandboxProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SandboxPath").Value!;

    /// <summary>Runs <c>dotnet sandbox.dll args...</c>; kills it and fails when it has not exited within <paramref name="deadline"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors, TimeSpan Took)> RunAsync(TimeSpan deadline, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The test output folder has examples/ (copied by the test project), as the repository root has.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var output = new StringBuilder();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                throw new TimeoutException($"sandbox {string.Join(' ', args)} did not exit within {deadline}. Output:\n{output}\n{errors}");
            }
        }
        // The parameterless wait also drains the redirected streams.
        await process.WaitForExitAsync();
        lock (output)
        {
            lock (errors)
            {
                return (process.ExitCode, output.ToString(), errors.ToString(), watch.Elapsed);
            }
        }
    }
}
