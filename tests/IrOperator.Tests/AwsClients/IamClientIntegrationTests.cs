using System.Text.Json.Nodes;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Iam;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsClients;

/// <summary>
/// Our IAM client over HTTP against the AWS emulator, signed with the provisioner role's session in the
/// prod account (the operator's real path: default chain credentials, STS AssumeRole, SigV4).
/// </summary>
public sealed class IamClientIntegrationTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private const string Account = "333333333333";
    private const string Path = "/incident-response/";
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string SecurityAudit = "arn:aws:iam::aws:policy/SecurityAudit";
    private const string ViewOnly = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";

    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsTestStack _stack;
    private readonly IIamClient _iam;

    public IamClientIntegrationTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _stack = EmulatorStacks.Create(fixture);
        _iam = _stack.Iam(Account);
    }

    public void Dispose()
    {
        EmulatorStacks.Faults(_fixture).Reset();
        _stack.Dispose();
    }

    private static string Trust(string account = "222222222222", string sid = "Responders") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}]}""";

    private const string Inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:GetLogEvents","cloudtrail:LookupEvents"],"Resource":"*","Condition":{"StringLike":{"aws:RequestTag/team":"a+b c&d=%"}}}]}""";

    private static string NewName() => "ir-test-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> CreateRoleAsync(CreateRoleRequest? request = null)
    {
        var name = NewName();
        await _iam.CreateRoleAsync(request ?? new CreateRoleRequest(name, Trust()) { Path = Path }, CancellationToken.None);
        return request?.RoleName ?? name;
    }

    private static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    [Fact]
    public async Task Create_and_get_role_round_trip_every_field_with_decoded_trust_policy()
    {
        var name = NewName();
        var created = await _iam.CreateRoleAsync(
            new CreateRoleRequest(name, Trust())
            {
                Path = Path,
                Description = "Forensics during incidents",
                MaxSessionDuration = 7200,
                PermissionsBoundary = ReadOnly,
                Tags = [new IamTag("owner", "security"), new IamTag("ir-managed", "true")],
            },
            CancellationToken.None);

        var role = await _iam.GetRoleAsync(name, CancellationToken.None);

        created.Arn.Should().Be($"arn:aws:iam::{Account}:role{Path}{name}");
        role.Arn.Should().Be(created.Arn);
        role.RoleId.Should().Be(created.RoleId).And.StartWith("AROA");
        role.Path.Should().Be(Path);
        role.Description.Should().Be("Forensics during incidents");
        role.MaxSessionDuration.Should().Be(7200);
        role.PermissionsBoundaryArn.Should().Be(ReadOnly);
        role.Tags.Should().BeEquivalentTo([new IamTag("owner", "security"), new IamTag("ir-managed", "true")]);
        SameJson(role.AssumeRolePolicyDocument, Trust()).Should().BeTrue(role.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task Update_role_and_trust_policy_are_visible_on_read()
    {
        var name = await CreateRoleAsync();

        await _iam.UpdateRoleAsync(name, "changed", 10800, CancellationToken.None);
        await _iam.UpdateAssumeRolePolicyAsync(name, Trust("444444444444", "Other"), CancellationToken.None);

        var role = await _iam.GetRoleAsync(name, CancellationToken.None);
        role.Description.Should().Be("changed");
        role.MaxSessionDuration.Should().Be(10800);
        SameJson(role.AssumeRolePolicyDocument, Trust("444444444444", "Other")).Should().BeTrue();
    }

    [Fact]
    public async Task Inline_policies_put_get_list_and_delete_with_special_characters_intact()
    {
        var name = await CreateRoleAsync();

        await _iam.PutRolePolicyAsync(name, "investigate", Inline, CancellationToken.None);
        var policy = await _iam.GetRolePolicyAsync(name, "investigate", CancellationToken.None);
        var listed = await _iam.ListRolePoliciesAsync(name, CancellationToken.None).ToListAsync();
        await _iam.DeleteRolePolicyAsync(name, "investigate", CancellationToken.None);
        var afterDelete = await _iam.ListRolePoliciesAsync(name, CancellationToken.None).ToListAsync();

        policy.RoleName.Should().Be(name);
        policy.PolicyName.Should().Be("investigate");
        SameJson(policy.PolicyDocument, Inline).Should().BeTrue(policy.PolicyDocument);
        listed.Should().Equal("investigate");
        afterDelete.Should().BeEmpty();
    }

    [Fact]
    public async Task Managed_policies_attach_list_and_detach()
    {
        var name = await CreateRoleAsync();

        await _iam.AttachRolePolicyAsync(name, ReadOnly, CancellationToken.None);
        await _iam.AttachRolePolicyAsync(name, SecurityAudit, CancellationToken.None);
        var attached = await _iam.ListAttachedRolePoliciesAsync(name, CancellationToken.None).ToListAsync();
        await _iam.DetachRolePolicyAsync(name, ReadOnly, CancellationToken.None);
        var remaining = await _iam.ListAttachedRolePoliciesAsync(name, CancellationToken.None).ToListAsync();

        attached.Should().BeEquivalentTo([new AttachedPolicy("ReadOnlyAccess", ReadOnly), new AttachedPolicy("SecurityAudit", SecurityAudit)]);
        remaining.Should().Equal(new AttachedPolicy("SecurityAudit", SecurityAudit));
    }

    [Fact]
    public async Task Tags_are_added_replaced_listed_and_removed()
    {
        var name = await CreateRoleAsync();

        await _iam.TagRoleAsync(name, [new IamTag("a", "1"), new IamTag("b", "2")], CancellationToken.None);
        await _iam.TagRoleAsync(name, [new IamTag("a", "changed")], CancellationToken.None);
        await _iam.UntagRoleAsync(name, ["b"], CancellationToken.None);

        var tags = await _iam.ListRoleTagsAsync(name, CancellationToken.None).ToListAsync();
        tags.Should().Equal(new IamTag("a", "changed"));
    }

    [Fact]
    public async Task Permissions_boundary_is_put_and_deleted()
    {
        var name = await CreateRoleAsync();

        await _iam.PutRolePermissionsBoundaryAsync(name, ViewOnly, CancellationToken.None);
        var withBoundary = await _iam.GetRoleAsync(name, CancellationToken.None);
        await _iam.DeleteRolePermissionsBoundaryAsync(name, CancellationToken.None);
        var without = await _iam.GetRoleAsync(name, CancellationToken.None);

        withBoundary.PermissionsBoundaryArn.Should().Be(ViewOnly);
        without.PermissionsBoundaryArn.Should().BeNull();
    }

    [Fact]
    public async Task Every_list_pages_through_markers_to_the_last_item()
    {
        var name = await CreateRoleAsync();
        var policyNames = Enumerable.Range(1, 5).Select(i => $"p{i}").ToList();
        foreach (var policyName in policyNames)
        {
            await _iam.PutRolePolicyAsync(name, policyName, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}""", CancellationToken.None);
        }

        await _iam.TagRoleAsync(name, Enumerable.Range(1, 7).Select(i => new IamTag($"k{i}", $"v{i}")).ToList(), CancellationToken.None);
        var prefix = Path + Guid.NewGuid().ToString("N")[..8] + "/";
        var pathRoles = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            pathRoles.Add(await CreateRoleAsync(new CreateRoleRequest(NewName(), Trust()) { Path = prefix }));
        }

        (await _iam.ListRolePoliciesAsync(name, CancellationToken.None, pageSize: 2).ToListAsync()).Should().BeEquivalentTo(policyNames);
        (await _iam.ListRoleTagsAsync(name, CancellationToken.None, pageSize: 3).ToListAsync()).Should().HaveCount(7);
        (await _iam.ListRolesAsync(prefix, CancellationToken.None, pageSize: 1).ToListAsync()).Select(r => r.RoleName).Should().BeEquivalentTo(pathRoles);
        _stack.Log.Lines.Should().Contain(l => l.Contains("ListRoleTags", StringComparison.Ordinal), "each page is a logged call");
    }

    [Fact]
    public async Task Attached_policies_page_through_markers()
    {
        var name = await CreateRoleAsync();
        foreach (var arn in new[] { ReadOnly, SecurityAudit, ViewOnly })
        {
            await _iam.AttachRolePolicyAsync(name, arn, CancellationToken.None);
        }

        (await _iam.ListAttachedRolePoliciesAsync(name, CancellationToken.None, pageSize: 2).ToListAsync()).Select(p => p.PolicyArn)
            .Should().BeEquivalentTo([ReadOnly, SecurityAudit, ViewOnly]);
    }

    [Fact]
    public async Task Delete_role_removes_it()
    {
        var name = await CreateRoleAsync();

        await _iam.DeleteRoleAsync(name, CancellationToken.None);

        var act = () => _iam.GetRoleAsync(name, CancellationToken.None);
        (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(AwsErrorCodes.NoSuchEntity);
    }

    [Fact]
    public async Task Missing_role_is_NoSuchEntity_terminal_with_request_id()
    {
        var act = () => _iam.GetRoleAsync("ir-does-not-exist", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.NoSuchEntity);
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        error.Kind.Should().Be(AwsErrorKind.Terminal);
        error.RequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Calls_are_counted_by_service_action_and_outcome()
    {
        var measurements = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IrOperator.Aws.Telemetry.AwsCallMetrics.MeterName && instrument.Name == IrOperator.Aws.Telemetry.AwsCallMetrics.CallsCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            measurements.Add($"{map["service"]}/{map["action"]}/{map["outcome"]}/{value}");
        });
        listener.Start();
        var name = await CreateRoleAsync();

        await _iam.GetRoleAsync(name, CancellationToken.None);
        await _iam.Invoking(i => i.GetRoleAsync("ir-missing-" + name, CancellationToken.None)).Should().ThrowAsync<AwsServiceException>();

        measurements.Should().Contain("iam/CreateRole/success/1").And.Contain("iam/GetRole/success/1").And.Contain("iam/GetRole/terminal/1");
    }

    [Fact]
    public async Task Creating_an_existing_role_is_EntityAlreadyExists()
    {
        var name = await CreateRoleAsync();

        var act = () => _iam.CreateRoleAsync(new CreateRoleRequest(name, Trust()) { Path = Path }, CancellationToken.None);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(AwsErrorCodes.EntityAlreadyExists);
    }

    [Fact]
    public async Task Deleting_a_role_with_inline_or_attached_policies_is_DeleteConflict()
    {
        var withInline = await CreateRoleAsync();
        var withAttached = await CreateRoleAsync();
        await _iam.PutRolePolicyAsync(withInline, "investigate", Inline, CancellationToken.None);
        await _iam.AttachRolePolicyAsync(withAttached, ReadOnly, CancellationToken.None);

        foreach (var name in new[] { withInline, withAttached })
        {
            var act = () => _iam.DeleteRoleAsync(name, CancellationToken.None);
            (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(AwsErrorCodes.DeleteConflict, name);
        }
    }

    [Fact]
    public async Task Oversized_trust_policy_is_LimitExceeded_and_not_retried()
    {
        var name = await CreateRoleAsync();
        var statements = string.Join(',', Enumerable.Range(0, 40).Select(i =>
            $$"""{"Sid":"S{{i}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}"""));
        var big = $$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""";

        var act = () => _iam.UpdateAssumeRolePolicyAsync(name, big, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.LimitExceeded);
        error.Kind.Should().Be(AwsErrorKind.Quota);
        _stack.Log.Lines.Should().Contain(l => l.Contains("UpdateAssumeRolePolicy", StringComparison.Ordinal) && l.Contains("LimitExceeded", StringComparison.Ordinal) && l.Contains("Attempts=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inline_policies_over_the_per_role_aggregate_are_LimitExceeded()
    {
        var name = await CreateRoleAsync();
        var actions = string.Join(',', Enumerable.Range(0, 150).Select(i => $"\"logs:GetLogEvents{i:D4}\""));
        var large = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{actions}}],"Resource":"*"}]}""";
        await _iam.PutRolePolicyAsync(name, "first", large, CancellationToken.None);

        var act = async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await _iam.PutRolePolicyAsync(name, $"more{i}", large, CancellationToken.None);
            }
        };

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.LimitExceeded);
        error.IsRetryable.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3","Resource":"*"}]}""")]
    public async Task Invalid_policy_is_MalformedPolicyDocument_and_not_retried(string document)
    {
        var name = await CreateRoleAsync();

        var act = () => _iam.PutRolePolicyAsync(name, "bad", document, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.MalformedPolicyDocument);
        error.Kind.Should().Be(AwsErrorKind.Terminal);
    }

    [Fact]
    public async Task Identity_policy_with_a_principal_is_MalformedPolicyDocument()
    {
        var name = await CreateRoleAsync();

        var act = () => _iam.PutRolePolicyAsync(name, "bad", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}""", CancellationToken.None);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(AwsErrorCodes.MalformedPolicyDocument);
    }

    [Fact]
    public async Task Throttling_is_retried_until_the_call_succeeds()
    {
        var name = await CreateRoleAsync();
        var faults = EmulatorStacks.Faults(_fixture);
        var before = faults.Injected;
        faults.Services = new HashSet<string> { "iam" };
        faults.FailNext(2);

        var role = await _iam.GetRoleAsync(name, CancellationToken.None);

        role.RoleName.Should().Be(name);
        (faults.Injected - before).Should().Be(2);
        _stack.Log.Lines.Should().Contain(l => l.Contains("GetRole", StringComparison.Ordinal) && l.Contains("Attempts=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        var name = await CreateRoleAsync();
        var faults = EmulatorStacks.Faults(_fixture);
        faults.Services = new HashSet<string> { "iam" };
        faults.FailNext(1, Sandbox.Aws.Faults.FaultKind.ServiceUnavailable);
        faults.FailNext(1, Sandbox.Aws.Faults.FaultKind.InternalFailure);

        var tags = await _iam.ListRoleTagsAsync(name, CancellationToken.None).ToListAsync();

        tags.Should().BeEmpty();
        _stack.Log.Lines.Should().Contain(l => l.Contains("ListRoleTags", StringComparison.Ordinal) && l.Contains("Attempts=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Persistent_throttling_fails_after_the_attempt_budget()
    {
        var name = await CreateRoleAsync();
        var faults = EmulatorStacks.Faults(_fixture);
        var before = faults.Injected;
        faults.Services = new HashSet<string> { "iam" };
        faults.FailNext(_stack.ResilienceOptions.MaxAttempts + 5);

        var act = () => _iam.GetRoleAsync(name, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be(AwsErrorCodes.Throttling);
        error.IsThrottled.Should().BeTrue();
        (faults.Injected - before).Should().Be(_stack.ResilienceOptions.MaxAttempts);
    }
}
