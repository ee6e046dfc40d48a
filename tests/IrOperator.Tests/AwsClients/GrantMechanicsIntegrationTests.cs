using System.Globalization;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// The grant mechanics of docs/iam-model.md end to end: our IAM client writes a grant's trust statement and end-of-access deny
/// (as the provisioner, in the prod account); responders then assume the role with AWSSDK.SecurityToken and
/// call IAM with the session through our client. The emulator's clock is moved; the provisioner's
/// credential cache follows the same clock so its own sessions are renewed as emulated time passes.
/// </summary>
public sealed class GrantMechanicsIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Account = "333333333333";
    private const string Responders = "222222222222";

    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;
    private readonly IIamClient _iam;

    public GrantMechanicsIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        var key = fixture.Emulator.CredentialsOf(EmulatorStacks.ManagementAccount, IrOperator.Sandbox.Aws.AwsEmulator.OperatorUser);
        _stack = new AwsTestStack(fixture.Endpoint, new ImmutableCredentials(key.AccessKeyId, key.SecretAccessKey, key.SessionToken), fixture.Clock);
        _iam = _stack.Iam(Account);
    }

    public void Dispose() => _stack.Dispose();

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string GrantStatement(string sid, string user, DateTimeOffset from, DateTimeOffset to) => $$$"""
        {"Sid":"{{{sid}}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{Responders}}}:root"},
         "Action":["sts:AssumeRole","sts:SetSourceIdentity"],
         "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::{{{Responders}}}:user/{{{user}}}"},
                      "StringEquals":{"sts:SourceIdentity":"{{{user}}}"},
                      "DateGreaterThanEquals":{"aws:CurrentTime":"{{{Time(from)}}}"},
                      "DateLessThan":{"aws:CurrentTime":"{{{Time(to)}}}"} } }
        """;

    private static string EndDeny(string user, DateTimeOffset end) => $$$"""
        {"Version":"2012-10-17","Statement":[
         {"Sid":"IrEnd{{{user}}}","Effect":"Deny","Action":"*","Resource":"*",
          "Condition":{"StringEquals":{"aws:SourceIdentity":"{{{user}}}"},
                       "DateGreaterThanEquals":{"aws:CurrentTime":"{{{Time(end)}}}"},
                       "DateLessThan":{"aws:TokenIssueTime":"{{{Time(end)}}}"} } }]}
        """;

    private const string ReadRoles = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""";

    private async Task<string> CreateGrantRoleAsync(params string[] statements)
    {
        var name = "ir-grant-" + Guid.NewGuid().ToString("N")[..10];
        var trust = $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""";
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest(name, trust) { Path = "/incident-response/" }, CancellationToken.None);
        await _iam.PutRolePolicyAsync(name, "read", ReadRoles, CancellationToken.None);
        return role.Arn;
    }

    private async Task<Credentials> AssumeAsync(string user, string roleArn, string? sourceIdentity)
    {
        using var sts = _fixture.Sts(_fixture.Emulator.CredentialsOf(Responders, user));
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = user, SourceIdentity = sourceIdentity });
        return response.Credentials;
    }

    private async Task<string> AssumeErrorAsync(string user, string roleArn, string? sourceIdentity)
    {
        var act = () => AssumeAsync(user, roleArn, sourceIdentity);
        return (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode;
    }

    private IIamClient SessionIam(Credentials session) =>
        _stack.Factory.Iam(Account, new StaticCredentialSource(new ImmutableCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken)));

    [Fact]
    public async Task AssumeRole_is_allowed_only_inside_the_window_with_the_source_identity_for_the_named_principal()
    {
        var now = _fixture.Clock.GetUtcNow();
        var roleArn = await CreateGrantRoleAsync(GrantStatement("IrGrantA1", "alice", now.AddMinutes(10), now.AddMinutes(70)));

        (await AssumeErrorAsync("alice", roleArn, "alice")).Should().Be("AccessDenied", "the window has not opened");

        _fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        (await AssumeErrorAsync("alice", roleArn, null)).Should().Be("AccessDenied", "the source identity is required");
        (await AssumeErrorAsync("alice", roleArn, "bob")).Should().Be("AccessDenied", "the source identity must be the requester's");
        (await AssumeErrorAsync("bob", roleArn, "alice")).Should().Be("AccessDenied", "bob is not the granted principal");
        var session = await AssumeAsync("alice", roleArn, "alice");
        (await SessionIam(session).GetRoleAsync(roleArn.Split('/')[^1], CancellationToken.None)).Arn.Should().Be(roleArn);

        _fixture.Clock.Advance(TimeSpan.FromMinutes(60));
        (await AssumeErrorAsync("alice", roleArn, "alice")).Should().Be("AccessDenied", "the window has closed");
    }

    [Fact]
    public async Task End_of_access_deny_cuts_off_the_requesters_live_session_but_not_another_responders()
    {
        var now = _fixture.Clock.GetUtcNow();
        var end = now.AddMinutes(20);
        var roleArn = await CreateGrantRoleAsync(
            GrantStatement("IrGrantAlice", "alice", now.AddMinutes(-1), end),
            GrantStatement("IrGrantBob", "bob", now.AddMinutes(-1), now.AddMinutes(50)));
        var roleName = roleArn.Split('/')[^1];
        var alice = SessionIam(await AssumeAsync("alice", roleArn, "alice"));
        var bob = SessionIam(await AssumeAsync("bob", roleArn, "bob"));
        await _iam.PutRolePolicyAsync(roleName, "IrEnd", EndDeny("alice", end), CancellationToken.None);

        _fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        (await alice.GetRoleAsync(roleName, CancellationToken.None)).Arn.Should().Be(roleArn, "before the end the deny does not apply");

        _fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var act = () => alice.GetRoleAsync(roleName, CancellationToken.None);
        var denied = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        denied.ErrorCode.Should().StartWith("AccessDenied");
        denied.Kind.Should().Be(AwsErrorKind.Terminal);
        (await bob.GetRoleAsync(roleName, CancellationToken.None)).Arn.Should().Be(roleArn, "bob's session is not alice's");
    }
}
