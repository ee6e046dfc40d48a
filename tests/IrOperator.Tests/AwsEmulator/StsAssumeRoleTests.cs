using System.Net;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>STS through the real AWS SDK client (AWSSDK.SecurityToken) against the emulator.</summary>
public sealed class StsAssumeRoleTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private const string Management = SampleOrganization.ManagementAccountId;
    private const string Prod = SampleOrganization.ProdAccountId;
    private const string Security = SampleOrganization.SecurityToolingAccountId;

    [Fact]
    public async Task GetCallerIdentity_returns_the_user()
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Security, "alice"));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        identity.Arn.Should().Be($"arn:aws:iam::{Security}:user/alice");
        identity.Account.Should().Be(Security);
        identity.UserId.Should().StartWith("AIDA");
    }

    [Fact]
    public async Task Operator_assumes_the_provisioner_role_with_a_source_identity_and_sees_the_assumed_role_identity()
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Management, "operator"));

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}",
            RoleSessionName = "iroperator",
            SourceIdentity = "iroperator",
        });

        assumed.Credentials.AccessKeyId.Should().StartWith("ASIA");
        assumed.SourceIdentity.Should().Be("iroperator");
        assumed.AssumedRoleUser.Arn.Should().Be($"arn:aws:sts::{Prod}:assumed-role/{ProvisionerRole.Name}/iroperator");
        assumed.AssumedRoleUser.AssumedRoleId.Should().MatchRegex("^AROA[A-Z0-9]+:iroperator$");
        assumed.Credentials.Expiration.Should().BeCloseTo(fixture.Clock.GetUtcNow().UtcDateTime.AddHours(1), TimeSpan.FromSeconds(2));
        using var session = fixture.Sts(new AwsCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var identity = await session.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        identity.Arn.Should().Be(assumed.AssumedRoleUser.Arn);
        identity.UserId.Should().Be(assumed.AssumedRoleUser.AssumedRoleId);
        identity.Account.Should().Be(Prod);
    }

    [Fact]
    public async Task A_responder_cannot_assume_the_provisioner_role()
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Security, "alice"));
        var roleArn = $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}";

        var act = () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "alice" });

        var error = (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which;
        error.ErrorCode.Should().Be("AccessDenied");
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.Message.Should().Be($"User: arn:aws:iam::{Security}:user/alice is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
    }

    [Fact]
    public async Task Role_chaining_keeps_the_source_identity_and_caps_the_session_at_one_hour()
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Management, "operator"));
        var first = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}", RoleSessionName = "first", SourceIdentity = "carol",
        });
        var chainedRole = $"arn:aws:iam::{Prod}:role/chained-{Guid.NewGuid():N}"[..60];
        var name = chainedRole[(chainedRole.LastIndexOf('/') + 1)..];
        fixture.Emulator.State.SeedRole(Prod, name, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Prod}}:role/{{ProvisionerRole.Name}}"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""");
        var provisionerPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";
        await AddInlinePolicyAsync(Prod, ProvisionerRole.Name, "chain-" + name, provisionerPolicy);
        using var session = fixture.Sts(new AwsCredentials(first.Credentials.AccessKeyId, first.Credentials.SecretAccessKey, first.Credentials.SessionToken));

        var chained = await session.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = chainedRole, RoleSessionName = "second" });
        var tooLong = () => session.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = chainedRole, RoleSessionName = "third", DurationSeconds = 7200 });

        chained.SourceIdentity.Should().Be("carol");
        (await tooLong.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be("ValidationError");
        await RemoveInlinePolicyAsync(Prod, ProvisionerRole.Name, "chain-" + name);
    }

    [Fact]
    public async Task A_trust_policy_requiring_MFA_admits_only_calls_with_an_MFA_code()
    {
        var name = $"mfa-{Guid.NewGuid():N}"[..20];
        fixture.Emulator.State.SeedRole(Prod, name, $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Security}}:root"},"Action":"sts:AssumeRole",
              "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"} } }]}
            """);
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Security, "alice"));
        var request = new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Prod}:role/{name}", RoleSessionName = "alice" };

        var withoutMfa = () => sts.AssumeRoleAsync(request);
        var badCode = () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = request.RoleArn, RoleSessionName = "alice", SerialNumber = "arn:aws:iam::999999999999:mfa/alice", TokenCode = "123456" });
        var withMfa = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = request.RoleArn, RoleSessionName = "alice", SerialNumber = $"arn:aws:iam::{Security}:mfa/alice", TokenCode = "123456" });

        (await withoutMfa.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be("AccessDenied");
        (await badCode.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.Message.Should().StartWith("MultiFactorAuthentication failed");
        withMfa.AssumedRoleUser.Arn.Should().EndWith($"assumed-role/{name}/alice");
    }

    [Theory]
    [InlineData("a", null, 3600, "ValidationError")]
    [InlineData("session", "aws:alice", 3600, "ValidationError")]
    [InlineData("session", "alice smith", 3600, "ValidationError")]
    [InlineData("session", null, 600, "ValidationError")]
    [InlineData("session", null, 7200, "ValidationError")]
    public async Task AssumeRole_refuses_invalid_parameters(string sessionName, string? sourceIdentity, int duration, string code)
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Management, "operator"));

        var act = () => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}", RoleSessionName = sessionName, SourceIdentity = sourceIdentity, DurationSeconds = duration,
        });

        (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be(code);
    }

    private async Task AddInlinePolicyAsync(string account, string role, string name, string document)
    {
        var result = await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call(
            "iam", "put_role_policy", fixture.Emulator.RootCredentials(account), new { RoleName = role, PolicyName = name, PolicyDocument = document }));
        result.Ok.Should().BeTrue(result.ToString());
    }

    private async Task RemoveInlinePolicyAsync(string account, string role, string name)
    {
        var result = await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call(
            "iam", "delete_role_policy", fixture.Emulator.RootCredentials(account), new { RoleName = role, PolicyName = name }));
        result.Ok.Should().BeTrue(result.ToString());
    }
}
