using System.Diagnostics;
using IrOperator.Tests.Fixtures;
using Xunit.Abstractions;

namespace IrOperator.Tests.Resources;

/// <summary>What a responder and a platform engineer do with kubectl 1.32 against the emulator with the generated CRDs.</summary>
public sealed class KubectlOnResourcesTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _home = Directory.CreateTempSubdirectory("iroperator-kubectl-").FullName;
    private readonly string _kubeconfig;

    public KubectlOnResourcesTests(KubeEmulatorFixture fixture, ITestOutputHelper output)
    {
        _output = output;
        _kubeconfig = fixture.Emulator.WriteKubeconfig(Path.Combine(_home, "kubeconfig"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Examples_apply_list_by_category_and_refuse_a_changed_grant()
    {
        var apply = await KubectlAsync("apply", "-f", GeneratedCrds.OutputPath("examples"));
        apply.Should().Contain("breakglassgrant.iroperator.io/alice-inc-4711 created")
            .And.Contain("responderrole.iroperator.io/forensic-investigator created");

        var grants = await KubectlAsync("get", "bgg", "-n", "incident-response");
        var lines = grants.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex("^NAME +ROLE +REQUESTED BY +PHASE +EXPIRES +AGE$");
        lines[1].Should().MatchRegex("^alice-inc-4711 +forensic-investigator +alice +");

        var everything = await KubectlAsync("get", "incident-response", "-A", "-o", "name");
        everything.Should().Contain("responderrole.iroperator.io/security-analyst").And.Contain("breakglassgrant.iroperator.io/alice-inc-4711");

        var changed = Path.Combine(_home, "changed-grant.yaml");
        await File.WriteAllTextAsync(changed, File.ReadAllText(Examples.Files.Single(f => f.Contains("breakglassgrant", StringComparison.Ordinal)))
            .Replace("duration: 2h", "duration: 4h", StringComparison.Ordinal));
        var refused = await KubectlAsync(expectSuccess: false, "apply", "-f", changed);
        refused.Should().Contain("spec: Invalid value").And.Contain("spec is immutable");
    }

    [Fact]
    public async Task Explain_shows_the_doc_comments()
    {
        var explained = await KubectlAsync("explain", "breakglassgrant.spec.principalArn");
        explained.Should().Contain("The IAM role or user ARN allowed to assume the role");

        var defaults = await KubectlAsync("explain", "rr.spec.breakGlass");
        defaults.Should().Contain("minApprovals").And.Contain("Distinct approvals a grant needs");
    }

    private Task<string> KubectlAsync(params string[] args) => KubectlAsync(expectSuccess: true, args);

    private async Task<string> KubectlAsync(bool expectSuccess, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Concat(["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home, "cache")]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            var text = await stdout + await stderr;
            _output.WriteLine($"$ kubectl {string.Join(' ', args)}\n{text}");
            (process.ExitCode == 0).Should().Be(expectSuccess, text);
            return text;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
