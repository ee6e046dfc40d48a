using System.Net;
using System.Reflection;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// The operator image without a container engine (docs/image.md): the Dockerfile's runtime stage is checked as
/// written, and its build stage is replayed on this machine — the same COPY and the same publish — after which
/// the published `iroperator` is started as the image would start it (its ENTRYPOINT, CMD and ENV) against both
/// emulators, as the operator's service account, and must become ready and stop cleanly on SIGTERM.
/// </summary>
public sealed class ImagePublishTests(KubeEmulatorFixture kube, AwsEmulatorFixture aws)
    : IClassFixture<KubeEmulatorFixture>, IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string ImageOutput = "/out";
    private const string ImageAppFolder = "/app";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly string RepositoryRoot = typeof(ImagePublishTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private readonly string _scratch = Directory.CreateTempSubdirectory("iroperator-image-").FullName;
    private readonly Dockerfile _dockerfile = Dockerfile.Read(Path.Combine(RepositoryRoot, "Dockerfile"));

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void The_image_runs_iroperator_as_a_non_root_user_from_the_build_stage_output()
    {
        var final = _dockerfile.Final;

        final.Image.Should().StartWith("mcr.microsoft.com/dotnet/aspnet:10.0", "the publish is framework-dependent on the ASP.NET Core runtime");
        final.Last("USER").Should().MatchRegex(@"^[1-9][0-9]*:[1-9][0-9]*$", "a numeric non-root uid:gid, so runAsNonRoot can verify it");
        final.Last("WORKDIR").Should().Be(ImageAppFolder);
        final.Instructions.Should().Contain(new DockerInstruction("COPY", $"--from=build {ImageOutput}/ ./"));
        Dockerfile.ExecForm(final.Last("ENTRYPOINT")!).Should().Equal($"{ImageAppFolder}/iroperator");
        Dockerfile.ExecForm(final.Last("CMD")!).Should().Equal("run");
        _dockerfile.Stage("build").Instructions.Should().Contain(
            i => i.Keyword == "RUN" && i.Argument.Contains("deploy/image/publish.sh", StringComparison.Ordinal),
            "the build stage publishes through the one script");
    }

    [Fact]
    public async Task The_published_operator_becomes_ready_against_the_emulators_and_exits_zero_on_sigterm()
    {
        var published = await BuildStageReplay.RunAsync(_dockerfile.Stage("build"), RepositoryRoot, ImageOutput, _scratch, TimeSpan.FromMinutes(5));
        var entrypoint = Dockerfile.ExecForm(_dockerfile.Final.Last("ENTRYPOINT")!);
        var executable = Path.Combine(published, Path.GetRelativePath(ImageAppFolder, entrypoint[0]));
        var kubeconfig = kube.Emulator.WriteKubeconfig(Path.Combine(_scratch, "kubeconfig"), SandboxOperator.KubeContext);
        string[] arguments =
        [
            .. entrypoint.Skip(1), .. Dockerfile.ExecForm(_dockerfile.Final.Last("CMD")!),
            "--kubeconfig", kubeconfig, "--health-address", "127.0.0.1", "--health-port", "0",
            "--lease-namespace", SandboxUsers.OperatorNamespace, "--identity", "image-test",
        ];

        await using var running = OperatorProcess.StartExecutable(executable, arguments, Environment());

        var health = await running.HealthEndpointAsync(Deadline);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () => (await http.GetAsync(new Uri(health, "readyz"))).StatusCode == HttpStatusCode.OK, Deadline, () => running.Output);
        running.Terminate();
        await running.WaitForExitAsync(Deadline);

        running.ExitCode.Should().Be(0, running.Output);
    }

    /// <summary>The image's ENV, then what a pod would give it: AWS credentials (here the sample operator user's keys).</summary>
    private Dictionary<string, string?> Environment()
    {
        var key = aws.Emulator.CredentialsOf(EmulatorStacks.ManagementAccount, IrOperator.Sandbox.Aws.AwsEmulator.OperatorUser);
        var environment = _dockerfile.Final.Instructions.Where(i => i.Keyword == "ENV")
            .Select(i => i.Argument.Split('=', 2))
            .ToDictionary(p => p[0], string? (p) => p[1]);
        environment["AWS_ACCESS_KEY_ID"] = key.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = key.SecretAccessKey;
        environment["AWS_REGION"] = "us-east-1";
        environment["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString();
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["AWS_PROFILE"] = null;
        environment["AWS_CONFIG_FILE"] = null;
        environment["AWS_SHARED_CREDENTIALS_FILE"] = null;
        environment["KUBECONFIG"] = null;
        return environment;
    }
}
