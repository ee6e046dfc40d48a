using System.Diagnostics;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.Cli;

/// <summary>
/// The kubectl plugin as a user gets it (docs/cli.md, "Install"): <c>dotnet pack src/KubectlBreakglass</c> builds a
/// .NET tool package, <c>dotnet tool install --add-source</c> installs it from that folder (no feed needed), and the
/// installed <c>kubectl-breakglass</c> lists grants from the Kubernetes emulator through a kubeconfig. Slow (a
/// Release build of the operator): about a minute and a half on a loaded machine.
/// </summary>
public sealed class GrantToolPackageTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(8);
    private readonly string _directory = Directory.CreateTempSubdirectory("grant-tool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Dotnet_pack_builds_a_tool_package_that_installs_and_runs_as_kubectl_breakglass()
    {
        var repository = RepositoryRoot();
        var packages = Path.Combine(_directory, "packages");
        var tools = Path.Combine(_directory, "tools");

        var pack = await RunAsync("dotnet", repository, "pack", Path.Combine(repository, "src", "KubectlBreakglass"), "-c", "Release", "-o", packages);
        pack.Code.Should().Be(0, pack.Output);
        Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Should().Equal("IrOperator.KubectlBreakglass.0.1.0.nupkg");

        var install = await RunAsync("dotnet", _directory, "tool", "install", "--add-source", packages, "--tool-path", tools, "IrOperator.KubectlBreakglass");
        install.Code.Should().Be(0, install.Output);
        var executable = Path.Combine(tools, OperatingSystem.IsWindows() ? "kubectl-breakglass.exe" : "kubectl-breakglass");
        File.Exists(executable).Should().BeTrue(install.Output);

        var kubeconfig = fixture.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"), currentContext: "bob");
        var list = await RunAsync(executable, _directory, "list", "-n", "incident-response", "--kubeconfig", kubeconfig);
        list.Code.Should().Be(0, list.Output);
        list.Output.Should().Contain("No grants found in namespace incident-response.");
        var suggest = await RunAsync(executable, _directory, "[suggest:22]", "kubectl-breakglass app");
        suggest.Output.Trim().Should().Be("approve");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IrOperator.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("IrOperator.sln not found above the test's directory");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StepLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {StepLimit}");
        }
        return (process.ExitCode, await output + await error);
    }
}
