using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Emulator = IrOperator.Sandbox.Aws.AwsEmulator;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// Signature verification with the real AWS SDK as the signer. The emulator's signing clock is a
/// fake here, so "the client's clock is 10 minutes off" is a setting rather than a wait.
/// </summary>
public sealed class SigV4Tests : IAsyncLifetime
{
    private readonly FakeTimeProvider _signingClock = new(DateTimeOffset.UtcNow);
    private readonly CapturingLoggerProvider _logs = new();
    private Emulator? _emulator;

    private Emulator Aws => _emulator!;

    public async Task InitializeAsync()
    {
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        _emulator = await Emulator.StartAsync(new AwsEmulatorOptions { SigningClock = _signingClock, LoggerFactory = loggerFactory });
    }

    public async Task DisposeAsync() => await Aws.DisposeAsync();

    [Fact]
    public async Task Signature_problems_are_refused_with_AWSs_codes_and_no_secret_leaks()
    {
        var alice = Aws.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "alice");
        var session = await AssumeProvisionerAsync();
        var messages = new List<string>();

        var ok = await CallerAsync(alice, messages);
        var wrongSecret = await CallerAsync(alice with { SecretAccessKey = alice.SecretAccessKey[..^1] + "x" }, messages);
        var unknownKey = await CallerAsync(alice with { AccessKeyId = "AKIAUNKNOWNUNKNOWN00" }, messages);
        var sessionWithoutToken = await CallerAsync(session with { SessionToken = null }, messages);
        var sessionWithWrongToken = await CallerAsync(session with { SessionToken = session.SessionToken + "x" }, messages);
        _signingClock.Advance(TimeSpan.FromMinutes(10));
        var stale = await CallerAsync(alice, messages);

        ok.Should().Be("OK");
        wrongSecret.Should().Be("403 SignatureDoesNotMatch");
        unknownKey.Should().Be("403 InvalidClientTokenId");
        sessionWithoutToken.Should().Be("403 InvalidClientTokenId");
        sessionWithWrongToken.Should().Be("403 InvalidClientTokenId");
        stale.Should().Be("403 SignatureDoesNotMatch");
        messages.Should().Contain(message => message.StartsWith("Signature expired: ", StringComparison.Ordinal) && message.EndsWith(" - 5 min.)", StringComparison.Ordinal));
        messages.Should().Contain("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

        var secrets = new[] { alice.SecretAccessKey, session.SecretAccessKey, session.SessionToken! };
        _logs.Lines.Should().NotBeEmpty();
        foreach (var secret in secrets)
        {
            _logs.Lines.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal));
            messages.Should().NotContain(message => message.Contains(secret, StringComparison.Ordinal));
            alice.ToString().Should().NotContain(secret);
            session.ToString().Should().NotContain(secret);
        }
    }

    private async Task<AwsCredentials> AssumeProvisionerAsync()
    {
        using var sts = Client(Aws.CredentialsOf(SampleOrganization.ManagementAccountId, "operator"));
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{SampleOrganization.DevAccountId}:role/{ProvisionerRole.Name}", RoleSessionName = "sigv4",
        });
        return new AwsCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
    }

    private async Task<string> CallerAsync(AwsCredentials credentials, List<string> messages)
    {
        using var sts = Client(credentials);
        try
        {
            await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
            return "OK";
        }
        catch (AmazonSecurityTokenServiceException error)
        {
            messages.Add(error.Message);
            messages.Add(error.ToString());
            return $"{(int)error.StatusCode} {error.ErrorCode}";
        }
    }

    private AmazonSecurityTokenServiceClient Client(AwsCredentials credentials) => AwsEmulatorFixture.StsClient(Aws.Endpoint, credentials);
}
