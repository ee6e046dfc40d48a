using System.Diagnostics;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Sandbox.Aws.Faults;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>Throttling, 5xx, latency and eventual consistency, each injected at runtime.</summary>
public sealed class FaultInjectionTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Dev = SampleOrganization.DevAccountId;
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""";

    private AwsCredentials Admin => fixture.Emulator.CredentialsOf(Dev, "admin-dev");

    public void Dispose() => fixture.Emulator.Faults.Reset();

    [Fact]
    public async Task Queued_faults_answer_in_each_services_own_error_shape()
    {
        var faults = fixture.Emulator.Faults;
        faults.FailNext(1, FaultKind.Throttling);
        faults.FailNext(1, FaultKind.ServiceUnavailable);
        faults.FailNext(1, FaultKind.Throttling);
        faults.FailNext(1, FaultKind.InternalFailure);
        var results = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "list_roles", Admin),
            new Boto3Call("iam", "list_roles", Admin),
            new Boto3Call("organizations", "list_roots", fixture.Emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator")),
            new Boto3Call("sts", "get_caller_identity", Admin),
            new Boto3Call("iam", "list_roles", Admin));

        (results[0].Status, results[0].Code).Should().Be((400, "Throttling"));
        (results[1].Status, results[1].Code).Should().Be((503, "ServiceUnavailable"));
        (results[2].Status, results[2].Code).Should().Be((400, "TooManyRequestsException"));
        (results[3].Status, results[3].Code).Should().Be((500, "InternalFailure"));
        results[4].Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_retrying_client_gets_through_injected_throttling()
    {
        fixture.Emulator.Faults.FailNext(2, FaultKind.Throttling);
        var before = fixture.Emulator.Calls.Count;
        using var sts = AwsEmulatorFixture.StsClient(fixture.Endpoint, Admin, maxErrorRetry: 3);

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        identity.Account.Should().Be(Dev);
        fixture.Emulator.Calls.Skip(before).Select(call => call.ErrorCode ?? "OK").Should().Equal("Throttling", "Throttling", "OK");
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        fixture.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(400);
        using var sts = fixture.Sts(Admin);

        var watch = Stopwatch.StartNew();
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        // Timers may fire up to a tick (about 1-16 ms by platform) before the Stopwatch agrees the delay has
        // passed (seen: 399.6 ms for 400 ms): allow one tick. Without the fault the call takes a few ms.
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400 - 16));
    }

    [Fact]
    public async Task Role_writes_become_visible_to_reads_and_AssumeRole_only_after_the_consistency_delay()
    {
        var faults = fixture.Emulator.Faults;
        faults.ConsistencyDelay = TimeSpan.FromSeconds(30);
        var name = $"ec-{Guid.NewGuid():N}"[..20];
        var created = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "create_role", Admin, new { RoleName = name, AssumeRolePolicyDocument = Trust }),
            new Boto3Call("iam", "get_role", Admin, new { RoleName = name }));
        using var alice = fixture.Sts(fixture.Emulator.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "alice"));
        var assume = () => alice.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Dev}:role/{name}", RoleSessionName = "alice" });

        created[0].Ok.Should().BeTrue(created[0].ToString());
        created[1].Code.Should().Be("NoSuchEntity", "a role just created is not yet visible");
        (await assume.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be("AccessDenied");

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        (await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call("iam", "get_role", Admin, new { RoleName = name }))).Ok.Should().BeTrue();
        (await assume()).AssumedRoleUser.Arn.Should().EndWith($"assumed-role/{name}/alice");

        var closed = Trust.Replace("222222222222", "333333333333", StringComparison.Ordinal);
        (await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call("iam", "update_assume_role_policy", Admin, new { RoleName = name, PolicyDocument = closed }))).Ok.Should().BeTrue();
        (await assume()).Should().NotBeNull("the old trust policy is still what AssumeRole sees");
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        (await assume.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be("AccessDenied");
    }

    [Fact]
    public async Task Throttle_rate_fails_about_that_share_of_requests()
    {
        fixture.Emulator.Faults.ThrottleRate = 1.0;
        fixture.Emulator.Faults.Services = new HashSet<string> { "sts" };
        using var sts = fixture.Sts(Admin);

        var act = () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var iam = await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call("iam", "list_roles", Admin));

        (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode.Should().Be("Throttling");
        iam.Ok.Should().BeTrue("faults were limited to STS");
    }
}
