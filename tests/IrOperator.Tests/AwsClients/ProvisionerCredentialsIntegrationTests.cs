using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Endpoints;
using IrOperator.Aws.Sts;
using IrOperator.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.AwsClients;

/// <summary>AssumeRole into the provisioner role through AWSSDK.SecurityToken against the emulator, cached on a fake clock.</summary>
public sealed class ProvisionerCredentialsIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly AwsTestStack _stack;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ProvisionerCredentials _provisioner;

    public ProvisionerCredentialsIntegrationTests(AwsEmulatorFixture fixture)
    {
        _stack = EmulatorStacks.Create(fixture);
        _provisioner = new ProvisionerCredentials(_stack.Sts, new ProvisionerRoleOptions(), "aws", _time, _stack.Log.Logger);
    }

    public void Dispose()
    {
        _provisioner.Dispose();
        _stack.Dispose();
    }

    [Fact]
    public async Task Session_carries_the_provisioner_role_session_name_and_source_identity()
    {
        var credentials = await _provisioner.GetAsync("333333333333", CancellationToken.None);

        using var sts = StsClientFactory.Create(new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token), _stack.Endpoints.Resolve(AwsService.Sts), _stack.ResilienceOptions);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        credentials.UseToken.Should().BeTrue();
        identity.Account.Should().Be("333333333333");
        identity.Arn.Should().Be("arn:aws:sts::333333333333:assumed-role/IrOperatorProvisioner/iroperator");
        _stack.Log.Lines.Should().Contain(l => l.Contains("Assumed arn:aws:iam::333333333333:role/IrOperatorProvisioner", StringComparison.Ordinal) && l.Contains("SourceIdentity=iroperator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_are_cached_per_account_until_shortly_before_expiry()
    {
        var first = await _provisioner.GetAsync("333333333333", CancellationToken.None);
        var otherAccount = await _provisioner.GetAsync("444444444444", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        var cached = await _provisioner.GetAsync("333333333333", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await _provisioner.GetAsync("333333333333", CancellationToken.None);

        otherAccount.AccessKey.Should().NotBe(first.AccessKey);
        cached.AccessKey.Should().Be(first.AccessKey, "55 minutes into a 60-minute session is before the 5-minute refresh margin");
        renewed.AccessKey.Should().NotBe(first.AccessKey, "56 minutes in is inside the refresh margin");
    }

    [Fact]
    public async Task Concurrent_callers_share_one_AssumeRole()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _provisioner.GetAsync("444444444444", CancellationToken.None)));

        results.Select(c => c.AccessKey).Distinct().Should().ContainSingle();
        _stack.Log.Lines.Count(l => l.Contains("Assumed arn:aws:iam::444444444444", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task An_account_without_the_provisioner_role_fails_with_the_sts_error()
    {
        var act = () => _provisioner.GetAsync("111111111111", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<IrOperator.Aws.Errors.AwsServiceException>()).Which;
        error.Action.Should().Be("AssumeRole");
        error.ErrorCode.Should().Be("AccessDenied");
        error.Kind.Should().Be(IrOperator.Aws.Errors.AwsErrorKind.Terminal);
        error.InnerException.Should().BeOfType<AmazonSecurityTokenServiceException>();
    }
}
