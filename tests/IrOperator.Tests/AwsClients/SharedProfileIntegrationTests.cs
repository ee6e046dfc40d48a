using IrOperator.Aws.Credentials;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Http;
using IrOperator.Aws.Organizations;
using IrOperator.Aws.Resilience;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>The sandbox's aws/config + aws/credentials, read through AWSSDK.Core's profile store: keys and endpoint_url.</summary>
public sealed class SharedProfileIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iroperator-profiles-" + Guid.NewGuid().ToString("N"));

    public SharedProfileIntegrationTests(AwsEmulatorFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Operator_profile_gives_credentials_and_endpoint_url_that_reach_the_emulator()
    {
        var files = AwsSandboxFileWriter.Write(_directory, _fixture.Emulator);

        var source = SdkCredentialSource.FromProfile("operator", files.CredentialsFile);
        var profileUrl = SdkCredentialSource.ProfileEndpointUrl("operator", files.CredentialsFile);
        var endpoint = new AwsEndpointResolver(new AwsEndpointOptions(), _ => null, profileUrl).Resolve(AwsService.Organizations);
        using var resilience = new AwsResilience(new AwsResilienceOptions(), TimeProvider.System);
        using var http = new HttpClient();
        var log = new CapturingLog();
        var organizations = new OrganizationsClient(new AwsHttpSender(http, endpoint, source, "111111111111", resilience, OrganizationsJson.Error, log.Logger, TimeProvider.System));

        var roots = await organizations.ListRootsAsync(CancellationToken.None).ToListAsync();

        profileUrl.Should().Be(_fixture.Endpoint);
        endpoint.Source.Should().Be("profile endpoint_url");
        source.Description.Should().Be("profile operator");
        roots.Should().ContainSingle();
    }

    [Fact]
    public void Unknown_profile_is_refused_naming_it()
    {
        var files = AwsSandboxFileWriter.Write(_directory, _fixture.Emulator);

        var act = () => SdkCredentialSource.FromProfile("nobody", files.CredentialsFile);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'nobody'*");
    }
}
