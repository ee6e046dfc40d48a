using System.Globalization;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// The grant mechanics (docs/iam-model.md) as AWS enforces them: a time-boxed trust statement
/// per responder (principal account root narrowed by aws:PrincipalArn, required source identity),
/// and an end-of-access deny that cuts off one responder's sessions issued before its end.
/// Time is the fixture's fake clock; AssumeRole goes through AWSSDK.SecurityToken, role calls
/// through boto3.
/// </summary>
public sealed class GrantWindowTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private const string Prod = SampleOrganization.ProdAccountId;
    private const string Security = SampleOrganization.SecurityToolingAccountId;

    [Fact]
    public async Task AssumeRole_is_allowed_only_inside_the_window_with_the_source_identity_and_for_the_granted_principal()
    {
        var start = fixture.Clock.GetUtcNow();
        var (from, until) = (start.AddHours(1), start.AddHours(3));
        var role = await CreateGrantedRoleAsync("window", [("alice", from, until)]);
        using var alice = fixture.Sts(fixture.Emulator.CredentialsOf(Security, "alice"));
        using var bob = fixture.Sts(fixture.Emulator.CredentialsOf(Security, "bob"));

        var before = await TryAssumeAsync(alice, role, "alice");
        fixture.Clock.SetUtcNow(from.AddMinutes(1));
        var inside = await TryAssumeAsync(alice, role, "alice");
        var withoutSourceIdentity = await TryAssumeAsync(alice, role, null);
        var withAnotherSourceIdentity = await TryAssumeAsync(alice, role, "mallory");
        var anotherPrincipal = await TryAssumeAsync(bob, role, "alice");
        fixture.Clock.SetUtcNow(until.AddMinutes(1));
        var after = await TryAssumeAsync(alice, role, "alice");

        before.Should().Be("AccessDenied");
        inside.Should().Be("OK");
        withoutSourceIdentity.Should().Be("AccessDenied");
        withAnotherSourceIdentity.Should().Be("AccessDenied");
        anotherPrincipal.Should().Be("AccessDenied");
        after.Should().Be("AccessDenied");
    }

    [Fact]
    public async Task End_of_access_deny_cuts_off_only_that_responders_sessions_issued_before_its_end()
    {
        var start = fixture.Clock.GetUtcNow();
        var (from, until, end) = (start.AddHours(10), start.AddHours(13), start.AddHours(10).AddMinutes(30));
        var role = await CreateGrantedRoleAsync("cutoff", [("alice", from, until), ("bob", from, until)]);
        fixture.Clock.SetUtcNow(from.AddMinutes(1));
        var aliceSession = await AssumeAsync("alice", role);
        var bobSession = await AssumeAsync("bob", role);
        var deny = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"IrEndAlice","Effect":"Deny","Action":"*","Resource":"*",
              "Condition":{"StringEquals":{"aws:SourceIdentity":"alice"},
                           "DateGreaterThanEquals":{"aws:CurrentTime":"{{Iso(end)}}"},
                           "DateLessThan":{"aws:TokenIssueTime":"{{Iso(end)}}"} } }]}
            """;
        (await Iam(fixture.Emulator.RootCredentials(Prod), "put_role_policy", new { RoleName = role.Name, PolicyName = "ir-end", PolicyDocument = deny })).Ok.Should().BeTrue();

        var aliceBeforeEnd = await Iam(aliceSession, "get_role", new { RoleName = role.Name });
        fixture.Clock.SetUtcNow(end.AddMinutes(1));
        var aliceAfterEnd = await Iam(aliceSession, "get_role", new { RoleName = role.Name });
        var bobAfterEnd = await Iam(bobSession, "get_role", new { RoleName = role.Name });
        var aliceNewSession = await AssumeAsync("alice", role);
        var aliceNewSessionCall = await Iam(aliceNewSession, "get_role", new { RoleName = role.Name });

        aliceBeforeEnd.Ok.Should().BeTrue(aliceBeforeEnd.ToString());
        aliceAfterEnd.Code.Should().Be("AccessDenied");
        aliceAfterEnd.Message.Should().Contain("with an explicit deny").And.Contain($"assumed-role/{role.Name}/alice");
        bobAfterEnd.Ok.Should().BeTrue(bobAfterEnd.ToString());
        aliceNewSessionCall.Ok.Should().BeTrue("a session issued after the end is not cut off by that end's deny");
    }

    [Fact]
    public async Task A_session_expires_on_the_emulator_clock()
    {
        var start = fixture.Clock.GetUtcNow();
        var role = await CreateGrantedRoleAsync("expiry", [("alice", start.AddHours(20), start.AddHours(23))]);
        fixture.Clock.SetUtcNow(start.AddHours(20).AddMinutes(1));
        var session = await AssumeAsync("alice", role);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await Iam(session, "get_role", new { RoleName = role.Name });

        expired.Code.Should().Be("ExpiredToken");
    }

    private async Task<(string Name, string Arn)> CreateGrantedRoleAsync(string prefix, IReadOnlyList<(string Responder, DateTimeOffset From, DateTimeOffset Until)> grants)
    {
        var name = $"ir-{prefix}-{Guid.NewGuid():N}"[..30];
        var statements = grants.Select(grant => $$"""
            {"Sid":"IrGrant{{grant.Responder}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Security}}:root"},
             "Action":["sts:AssumeRole","sts:SetSourceIdentity"],
             "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::{{Security}}:user/{{grant.Responder}}"},
                          "StringEquals":{"sts:SourceIdentity":"{{grant.Responder}}"},
                          "DateGreaterThanEquals":{"aws:CurrentTime":"{{Iso(grant.From)}}"},
                          "DateLessThan":{"aws:CurrentTime":"{{Iso(grant.Until)}}"} } }
            """);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""";
        var admin = fixture.Emulator.RootCredentials(Prod);
        var created = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "create_role", admin, new { RoleName = name, Path = "/incident-response/", AssumeRolePolicyDocument = trust }),
            new Boto3Call("iam", "attach_role_policy", admin, new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
        created.Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString() + string.Join('\n', fixture.Emulator.Calls)));
        return (name, $"arn:aws:iam::{Prod}:role/incident-response/{name}");
    }

    private static async Task<string> TryAssumeAsync(AmazonSecurityTokenServiceClient sts, (string Name, string Arn) role, string? sourceIdentity)
    {
        try
        {
            await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "session", SourceIdentity = sourceIdentity });
            return "OK";
        }
        catch (AmazonSecurityTokenServiceException error)
        {
            return error.ErrorCode;
        }
    }

    private async Task<AwsCredentials> AssumeAsync(string responder, (string Name, string Arn) role)
    {
        using var sts = fixture.Sts(fixture.Emulator.CredentialsOf(Security, responder));
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = responder, SourceIdentity = responder });
        return new AwsCredentials(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
    }

    private Task<Boto3Result> Iam(AwsCredentials credentials, string operation, object parameters) =>
        Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call("iam", operation, credentials, parameters));

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
