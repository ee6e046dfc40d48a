using System.Diagnostics;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>
/// Runs the machine's kubectl against a kubeconfig, with its own HOME and discovery cache (so runs never
/// share state) and a deadline. Fails the test when kubectl is missing: CI installs it.
/// </summary>
internal sealed class Kubectl(string kubeconfig, string workDir, string binary = "kubectl")
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An older kubectl (<c>kubectl.1.27</c>): on PATH, or beside the kubectl on PATH (where the machine
    /// keeps its versions); .ci/install-tools installs 1.27 and 1.28 so. Fails when there is none.
    /// </summary>
    public static string Versioned(string version)
    {
        var name = $"kubectl.{version}";
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            var kubectl = new FileInfo(Path.Combine(directory, "kubectl"));
            if (kubectl.Exists && kubectl.ResolveLinkTarget(returnFinalTarget: true) is { } target
                && Path.GetDirectoryName(target.FullName) is { } targetDirectory && File.Exists(Path.Combine(targetDirectory, name)))
            {
                return Path.Combine(targetDirectory, name);
            }
        }

        throw new FileNotFoundException($"{name} is neither on PATH nor beside kubectl; .ci/install-tools installs it");
    }

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(binary)
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

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => ToolProcess.RunAsync(StartInfo(args), Deadline);
}
