using Amazon.Runtime;
using Amazon.SecurityToken;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Identity;
using Microsoft.Extensions.Time.Testing;
using Emulator = IrOperator.Sandbox.Aws.AwsEmulator;

namespace IrOperator.Tests.Fixtures;

/// <summary>
/// One AWS emulator per test class (IClassFixture), with the sample organization and a fake clock
/// for the simulated AWS (policy times, session expiry, consistency delays) starting at the real
/// time, so SigV4 freshness (checked against the real clock) and the fake clock agree at first.
/// Tests that move <see cref="Clock"/> or change <see cref="Emulator.Faults"/> should create
/// what they need with unique names, and reset faults they set.
/// </summary>
public sealed class AwsEmulatorFixture : IAsyncLifetime
{
    private Emulator? _emulator;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Emulator Emulator => _emulator ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri Endpoint => Emulator.Endpoint;

    public async Task InitializeAsync() =>
        _emulator = await Emulator.StartAsync(new AwsEmulatorOptions { Clock = Clock }).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A real AWS SDK STS client signed with <paramref name="credentials"/> against the emulator, without retries.</summary>
    public AmazonSecurityTokenServiceClient Sts(AwsCredentials credentials) => StsClient(Endpoint, credentials);

    /// <summary>A real AWS SDK STS client for any emulator; <paramref name="maxErrorRetry"/> 0 shows every error.</summary>
    public static AmazonSecurityTokenServiceClient StsClient(Uri endpoint, AwsCredentials credentials, int maxErrorRetry = 0)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        AWSCredentials sdkCredentials = credentials.SessionToken is null
            ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
            : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        };
        return new AmazonSecurityTokenServiceClient(sdkCredentials, config);
    }
}
