using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Controllers.Grants;
using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Fixtures;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// What the _role's apply path writes for _grants (<see cref="RoleGrantAccessBuilder"/> → desired _role → planner),
/// applied to the AWS emulator, checked from the far side: the responders call STS and IAM themselves. The
/// emulator's clock is moved; "the operator stopped" is a test that does not apply again.
/// </summary>
public sealed class GrantAccessOnAwsTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Responders = "222222222222";
    private static readonly DesiredRoleOptions Options = new() { ClusterId = "_grants-test" };

    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;
    private readonly ResponderRole _role;
    private readonly List<BreakGlassGrant> _grants = [];

    public GrantAccessOnAwsTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        var key = _fixture.Emulator.CredentialsOf(EmulatorStacks.ManagementAccount, IrOperator.Sandbox.Aws.AwsEmulator.OperatorUser);
        _stack = new AwsTestStack(_fixture.Endpoint, new ImmutableCredentials(key.AccessKeyId, key.SecretAccessKey, key.SessionToken), _fixture.Clock);
        var name = "g" + Guid.NewGuid().ToString("N")[..10];
        _role = Role(name: name);
        _role.Spec.InlinePolicies = new Dictionary<string, JsonObject>
        {
            ["read"] = (JsonObject)JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""")!,
        };
    }

    public void Dispose() => _stack.Dispose();

    private DateTimeOffset Now => _fixture.Clock.GetUtcNow();

    private BreakGlassGrant Open(string requester, DateTimeOffset from, TimeSpan duration, params string[] accounts)
    {
        var grant = Grant(s =>
        {
            s.Role = _role.Metadata.Name;
            s.RequestedBy = requester;
            s.PrincipalArn = $"arn:aws:iam::{Responders}:user/{requester}";
        }, name: $"{requester}-{_grants.Count}", uid: Guid.NewGuid().ToString()).Activated(from, duration, GrantPhase.Active, requester, accounts.Length > 0 ? accounts : [Prod]);
        _grants.Add(grant);
        return grant;
    }

    /// <summary>One apply of the _role in the account, as the _role's apply path does it, at the emulator's time.</summary>
    private async Task<RoleGrantAccess> ApplyAsync(string account = Prod)
    {
        var access = RoleGrantAccessBuilder.Build(_role, account, _grants, Now, Options);
        var desired = DesiredRoleBuilder.Build(_role, access.Access, Options);
        desired.IsValid.Should().BeTrue(desired.Message);
        var iam = _stack.Iam(account);
        var plan = RolePlanner.Plan(desired.Role!, await ObservedRoleReader.ReadAsync(iam, _role.IamRoleName, CancellationToken.None));
        foreach (var step in plan.Steps)
        {
            await step.ApplyAsync(iam, CancellationToken.None);
        }
        return access;
    }

    private string RoleArn(string account) => AssumeRoleCommand.RoleArn("aws", account, _role.Spec.Path, _role.IamRoleName);

    private async Task<Credentials> AssumeAsync(string user, string account, string? sourceIdentity)
    {
        using var sts = _fixture.Sts(_fixture.Emulator.CredentialsOf(Responders, user));
        return (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn(account), RoleSessionName = user, SourceIdentity = sourceIdentity })).Credentials;
    }

    private async Task<string> RefusedAsync(string user, string account, string? sourceIdentity)
    {
        var act = () => AssumeAsync(user, account, sourceIdentity);
        return (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode;
    }

    private async Task<bool> SessionWorksAsync(Credentials session, string account = Prod)
    {
        var iam = _stack.Factory.Iam(account, new StaticCredentialSource(new ImmutableCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken)));
        try
        {
            await iam.GetRoleAsync(_role.IamRoleName, CancellationToken.None);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode.StartsWith("AccessDenied", StringComparison.Ordinal))
        {
            return false;
        }
    }

    [Fact]
    public async Task A_grant_opens_the_role_only_in_its_window_with_its_source_identity_in_its_accounts()
    {
        Open("alice", Now.AddSeconds(-1), TimeSpan.FromMinutes(30));
        await ApplyAsync(Prod);
        await ApplyAsync(Dev);

        (await RefusedAsync("alice", Prod, null)).Should().Be("AccessDenied", "the source identity is required");
        (await RefusedAsync("alice", Prod, "bob")).Should().Be("AccessDenied", "it must be the requester's");
        (await RefusedAsync("bob", Prod, "bob")).Should().Be("AccessDenied", "bob is not the grant's principal");
        (await RefusedAsync("alice", Dev, "alice")).Should().Be("AccessDenied", "the grant names only the prod account");
        var session = await AssumeAsync("alice", Prod, "alice");
        (await SessionWorksAsync(session)).Should().BeTrue();

        // The operator stops here: nothing is applied again, AWS alone ends the access.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        (await RefusedAsync("alice", Prod, "alice")).Should().Be("AccessDenied", "the window has closed");
        (await SessionWorksAsync(session)).Should().BeFalse("the end-of-access deny cuts the session taken inside the window");
    }

    [Fact]
    public async Task Access_starts_in_the_second_of_activatedAt_and_ends_in_the_second_of_expiresAt()
    {
        // aws:CurrentTime has whole seconds (docs/grants.md, "Whole seconds"): put the clock inside those seconds.
        var activatedAt = GrantTimes.Ceiling(Now).AddSeconds(1);
        _fixture.Clock.Advance(activatedAt.AddMilliseconds(300) - Now);
        var grant = Open("alice", activatedAt, TimeSpan.FromMinutes(1));
        var expiresAt = GrantFacts.Utc(grant.Status!.ExpiresAt)!.Value;
        await ApplyAsync();

        var first = await AssumeAsync("alice", Prod, "alice");
        (await SessionWorksAsync(first)).Should().BeTrue("the grant shows activated in this second, and AWS agrees");

        _fixture.Clock.Advance(expiresAt.AddMilliseconds(-400) - Now);
        var last = await AssumeAsync("alice", Prod, "alice");
        (await SessionWorksAsync(last)).Should().BeTrue("the last second of the window is inside it");

        // The operator stops here. In the very second of expiresAt both are cut, not one second later.
        _fixture.Clock.Advance(expiresAt.AddMilliseconds(300) - Now);
        (await SessionWorksAsync(last)).Should().BeFalse("access ends at expiresAt");
        (await SessionWorksAsync(first)).Should().BeFalse("access ends at expiresAt");
        (await RefusedAsync("alice", Prod, "alice")).Should().Be("AccessDenied", "the window is [activatedAt, expiresAt)");
    }

    [Fact]
    public async Task Overlapping_grants_never_cut_each_other_and_an_expiry_removes_only_its_own_statement()
    {
        var first = Open("alice", Now.AddSeconds(-1), TimeSpan.FromMinutes(20));
        Open("alice", Now.AddSeconds(-1), TimeSpan.FromMinutes(40));
        Open("bob", Now.AddSeconds(-1), TimeSpan.FromMinutes(20));
        await ApplyAsync();
        var alice = await AssumeAsync("alice", Prod, "alice");
        var bob = await AssumeAsync("bob", Prod, "bob");

        _fixture.Clock.Advance(TimeSpan.FromMinutes(21));
        var access = await ApplyAsync();
        access.Access.Grants.Should().ContainSingle("only alice's second grant is still open");
        access.Access.Ends.Single(e => e.SourceIdentity == "alice").End.Should().Be(GrantFacts.Utc(_grants[1].Status!.ExpiresAt));
        (await SessionWorksAsync(alice)).Should().BeTrue("alice's deny ends with her latest grant");
        (await AssumeAsync("alice", Prod, "alice")).Should().NotBeNull();
        (await SessionWorksAsync(bob)).Should().BeFalse("bob's grant ended");
        first.Status!.ExpiresAt.Should().BeBefore(_grants[1].Status!.ExpiresAt!.Value);
    }

    [Fact]
    public async Task A_revoke_ends_the_requesters_sessions_at_once_and_not_another_responders()
    {
        var grant = Open("alice", Now.AddSeconds(-1), TimeSpan.FromMinutes(60));
        Open("bob", Now.AddSeconds(-1), TimeSpan.FromMinutes(60));
        await ApplyAsync();
        var alice = await AssumeAsync("alice", Prod, "alice");
        var bob = await AssumeAsync("bob", Prod, "bob");

        _fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        grant.Revoke().Ended(GrantPhase.Revoked, GrantTimes.Ceiling(Now));
        await ApplyAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        (await SessionWorksAsync(alice)).Should().BeFalse();
        (await RefusedAsync("alice", Prod, "alice")).Should().Be("AccessDenied");
        (await SessionWorksAsync(bob)).Should().BeTrue();
    }
}
