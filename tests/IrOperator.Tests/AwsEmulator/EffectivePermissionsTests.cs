using System.Text.Json;
using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// Effective permissions as AWS computes them, through boto3: a permissions boundary and session
/// policies cut what a role's identity policies allow; customer managed policies are created,
/// attached and evaluated; the request context carries principal and request tags, the external id
/// and the organization.
/// </summary>
public sealed class EffectivePermissionsTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private const string Prod = SampleOrganization.ProdAccountId;
    private const string TrustProdRoot = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
    private const string ReadRoles = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:ListRoles"],"Resource":"*"}]}""";
    private const string GetRoleOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""";

    private AwsCredentials Admin => fixture.Emulator.CredentialsOf(Prod, "admin-prod");

    [Fact]
    public async Task A_permissions_boundary_cuts_an_action_the_identity_policy_allows()
    {
        var role = await RoleAsync("boundary", ReadRoles);
        var boundaryName = Unique("only-get-role");
        var created = await RunOneAsync(new Boto3Call("iam", "create_policy", Admin, new { PolicyName = boundaryName, PolicyDocument = GetRoleOnly }));
        created.Ok.Should().BeTrue(created.ToString());
        var boundaryArn = created.Response.GetProperty("Policy").GetProperty("Arn").GetString()!;

        var before = await AssumeAsync(role);
        var listBefore = await RunOneAsync(new Boto3Call("iam", "list_roles", before));
        var put = await RunOneAsync(new Boto3Call("iam", "put_role_permissions_boundary", Admin, new { RoleName = role, PermissionsBoundary = boundaryArn }));
        var after = await RunAsync(new Boto3Call("iam", "list_roles", before), new Boto3Call("iam", "get_role", before, new { RoleName = role }));
        var deleteWhileUsed = await RunOneAsync(new Boto3Call("iam", "delete_policy", Admin, new { PolicyArn = boundaryArn }));

        listBefore.Ok.Should().BeTrue(listBefore.ToString());
        put.Ok.Should().BeTrue(put.ToString());
        after[0].Code.Should().Be("AccessDenied");
        after[0].Message.Should().Be(
            $"User: arn:aws:sts::{Prod}:assumed-role/{role}/test is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::{Prod}:role/ because no permissions boundary allows the iam:ListRoles action");
        after[1].Ok.Should().BeTrue("the boundary allows iam:GetRole: {0}", after[1]);
        deleteWhileUsed.Code.Should().Be("DeleteConflict");
        deleteWhileUsed.Message.Should().Be("Cannot delete a policy attached to entities.");
    }

    [Fact]
    public async Task A_session_policy_cuts_an_action_and_an_explicit_deny_in_it_wins()
    {
        var role = await RoleAsync("session", ReadRoles);
        var denyGetRole = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:GetRole","Resource":"*"}]}""";

        var narrowed = await AssumeAsync(role, new { Policy = GetRoleOnly });
        var denying = await AssumeAsync(role, new { PolicyArns = new[] { new { arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" } }, Policy = denyGetRole });
        var results = await RunAsync(
            new Boto3Call("iam", "list_roles", narrowed),
            new Boto3Call("iam", "get_role", narrowed, new { RoleName = role }),
            new Boto3Call("iam", "get_role", denying, new { RoleName = role }),
            new Boto3Call("iam", "list_roles", denying));

        results[0].Code.Should().Be("AccessDenied");
        results[0].Message.Should().EndWith("because no session policy allows the iam:ListRoles action");
        results[1].Ok.Should().BeTrue(results[1].ToString());
        results[2].Code.Should().Be("AccessDenied");
        results[2].Message.Should().EndWith("with an explicit deny in a session policy");
        results[3].Ok.Should().BeTrue("identity, ViewOnlyAccess and the inline session policy all allow iam:ListRoles: {0}", results[3]);
    }

    [Fact]
    public async Task AssumeRole_reports_the_packed_size_and_refuses_an_oversized_session_policy()
    {
        var role = await RoleAsync("packed", ReadRoles);
        var big = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{string.Join(',', Enumerable.Range(0, 80).Select(i => $"\"iam:GetRole{i:D3}\""))}}],"Resource":"*"}]}""";

        var results = await RunAsync(
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(role), RoleSessionName = "small", Policy = GetRoleOnly }),
            new Boto3Call("sts", "assume_role", Admin, new
            {
                RoleArn = Arn(role), RoleSessionName = "big", Policy = big,
                Tags = Enumerable.Range(0, 5).Select(i => new { Key = $"k{i}", Value = new string('v', 256) }).ToArray(),
            }),
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(role), RoleSessionName = "huge", Policy = big + new string(' ', 1000) }),
            new Boto3Call("sts", "assume_role", Admin, new { RoleArn = Arn(role), RoleSessionName = "bad", Policy = """{"Statement":[{"Effect":"Allow","Action":"iam:GetRole"}]}""" }));

        results[0].Response.GetProperty("PackedPolicySize").GetInt32().Should().BeInRange(1, 100);
        results[1].Code.Should().Be("PackedPolicyTooLarge");
        results[1].Message.Should().MatchRegex(@"^Packed policy consumes \d+% of allotted space, please use smaller policy\.$");
        results[2].Code.Should().Be("ValidationError", "a session policy is at most 2,048 characters");
        results[3].Code.Should().Be("MalformedPolicyDocument");
    }

    [Fact]
    public async Task A_customer_managed_policy_is_created_attached_evaluated_versioned_and_deleted()
    {
        var role = await RoleAsync("managed", null);
        var name = Unique("read-roles");
        var create = await RunOneAsync(new Boto3Call("iam", "create_policy", Admin, new { PolicyName = name, Path = "/ir/", PolicyDocument = GetRoleOnly, Description = "reads roles" }));
        var arn = create.Response.GetProperty("Policy").GetProperty("Arn").GetString()!;
        var session = await AssumeAsync(role);
        var results = await RunAsync(
            new Boto3Call("iam", "get_role", session, new { RoleName = role }),
            new Boto3Call("iam", "attach_role_policy", Admin, new { RoleName = role, PolicyArn = arn }),
            new Boto3Call("iam", "get_role", session, new { RoleName = role }),
            new Boto3Call("iam", "get_policy", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "get_policy_version", Admin, new { PolicyArn = arn, VersionId = "v1" }),
            new Boto3Call("iam", "list_policies", Admin, new { Scope = "Local", OnlyAttached = true, PathPrefix = "/ir/" }),
            new Boto3Call("iam", "create_policy_version", Admin, new { PolicyArn = arn, PolicyDocument = ReadRoles.Replace("iam:GetRole", "iam:ListRoles", StringComparison.Ordinal), SetAsDefault = true }),
            new Boto3Call("iam", "get_role", session, new { RoleName = role }),
            new Boto3Call("iam", "list_policy_versions", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "create_policy", Admin, new { PolicyName = name, PolicyDocument = GetRoleOnly }),
            new Boto3Call("iam", "delete_policy", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "detach_role_policy", Admin, new { RoleName = role, PolicyArn = arn }),
            new Boto3Call("iam", "delete_policy", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "delete_policy_version", Admin, new { PolicyArn = arn, VersionId = "v1" }),
            new Boto3Call("iam", "delete_policy", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "get_policy", Admin, new { PolicyArn = arn }),
            new Boto3Call("iam", "attach_role_policy", Admin, new { RoleName = role, PolicyArn = $"arn:aws:iam::{SampleOrganization.DevAccountId}:policy/{name}" }),
            new Boto3Call("iam", "attach_role_policy", Admin, new { RoleName = role, PolicyArn = "arn:aws:iam::aws:policy/NoSuchPolicy" }));

        arn.Should().Be($"arn:aws:iam::{Prod}:policy/ir/{name}");
        results[0].Code.Should().Be("AccessDenied", "nothing is attached yet");
        results[1].Ok.Should().BeTrue(results[1].ToString());
        results[2].Ok.Should().BeTrue("the attached policy allows iam:GetRole: {0}", results[2]);
        var policy = results[3].Response.GetProperty("Policy");
        policy.GetProperty("AttachmentCount").GetInt32().Should().Be(1);
        policy.GetProperty("DefaultVersionId").GetString().Should().Be("v1");
        policy.GetProperty("Description").GetString().Should().Be("reads roles");
        policy.GetProperty("PolicyId").GetString().Should().StartWith("ANPA");
        results[4].Response.GetProperty("PolicyVersion").GetProperty("Document").GetProperty("Statement")[0].GetProperty("Action").GetString().Should().Be("iam:GetRole");
        results[5].Response.GetProperty("Policies").EnumerateArray().Select(p => p.GetProperty("PolicyName").GetString()).Should().Equal(name);
        results[6].Response.GetProperty("PolicyVersion").GetProperty("VersionId").GetString().Should().Be("v2");
        results[7].Code.Should().Be("AccessDenied", "the new default version allows only iam:ListRoles");
        results[8].Response.GetProperty("Versions").EnumerateArray().Select(v => (v.GetProperty("VersionId").GetString(), v.GetProperty("IsDefaultVersion").GetBoolean()))
            .Should().Equal(("v2", true), ("v1", false));
        results[9].Code.Should().Be("EntityAlreadyExists");
        results[10].Code.Should().Be("DeleteConflict");
        results[12].Code.Should().Be("DeleteConflict");
        results[12].Message.Should().Contain("more than one version");
        results[13].Ok.Should().BeTrue(results[13].ToString());
        results[14].Ok.Should().BeTrue(results[14].ToString());
        (results[15].Code, results[15].Status).Should().Be(("NoSuchEntity", 404));
        results[16].Code.Should().Be("NoSuchEntity", "another account's customer managed policy cannot be attached");
        results[17].Code.Should().Be("NoSuchEntity");
        results[17].Message.Should().Be("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
    }

    [Fact]
    public async Task AWS_managed_policies_have_their_real_ARNs_and_are_evaluated()
    {
        var role = await RoleAsync("aws-managed", null);
        var results = await RunAsync(
            new Boto3Call("iam", "attach_role_policy", Admin, new { RoleName = role, PolicyArn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }),
            new Boto3Call("iam", "attach_role_policy", Admin, new { RoleName = role, PolicyArn = "arn:aws:iam::aws:policy/ViewOnlyAccess" }),
            new Boto3Call("iam", "get_policy", Admin, new { PolicyArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
            new Boto3Call("iam", "list_policies", Admin, new { Scope = "AWS", PathPrefix = "/service-role/" }),
            new Boto3Call("iam", "list_policies", Admin, new { Scope = "AWS", MaxItems = 3 }));
        var session = await AssumeAsync(role);
        var read = await RunOneAsync(new Boto3Call("iam", "list_roles", session));

        results[0].Ok.Should().BeTrue(results[0].ToString());
        results[1].Code.Should().Be("NoSuchEntity", "ViewOnlyAccess lives under /job-function/");
        results[2].Response.GetProperty("Policy").GetProperty("Path").GetString().Should().Be("/");
        results[3].Response.GetProperty("Policies").EnumerateArray().Select(p => p.GetProperty("Arn").GetString())
            .Should().Contain("arn:aws:iam::aws:policy/service-role/AWSConfigRole").And.OnlyContain(arn => arn!.Contains("/service-role/", StringComparison.Ordinal));
        results[4].Response.GetProperty("IsTruncated").GetBoolean().Should().BeTrue();
        read.Ok.Should().BeTrue("ViewOnlyAccess lists roles: {0}", read);
    }

    [Fact]
    public async Task Principal_tags_request_tags_external_id_and_organization_are_in_the_request_context()
    {
        var byTag = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ir"}}}]}""";
        var role = await RoleAsync("context", byTag);
        var external = Unique("external");
        var externalTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ticket-42","aws:PrincipalOrgID":"ORG"}}}]}"""
            .Replace("ORG", SampleOrganization.OrganizationId, StringComparison.Ordinal);
        var createExternal = await RunOneAsync(new Boto3Call("iam", "create_role", Admin, new { RoleName = external, AssumeRolePolicyDocument = externalTrust }));
        createExternal.Ok.Should().BeTrue(createExternal.ToString());
        var alice = fixture.Emulator.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "alice");

        var tagged = await AssumeAsync(role, new { Tags = new[] { new { Key = "team", Value = "ir" } } });
        var untagged = await AssumeAsync(role);
        var results = await RunAsync(
            new Boto3Call("iam", "get_role", tagged, new { RoleName = role }),
            new Boto3Call("iam", "get_role", untagged, new { RoleName = role }),
            new Boto3Call("iam", "tag_role", Admin, new { RoleName = role, Tags = new[] { new { Key = "Team", Value = "ir" } } }),
            new Boto3Call("iam", "get_role", untagged, new { RoleName = role }),
            new Boto3Call("sts", "assume_role", alice, new { RoleArn = Arn(external), RoleSessionName = "alice" }),
            new Boto3Call("sts", "assume_role", alice, new { RoleArn = Arn(external), RoleSessionName = "alice", ExternalId = "ticket-42" }));

        results[0].Ok.Should().BeTrue("the session tag team=ir is aws:PrincipalTag/team: {0}", results[0]);
        results[1].Code.Should().Be("AccessDenied");
        results[3].Ok.Should().BeTrue("the role's own tag (any key case) is aws:PrincipalTag/team: {0}", results[3]);
        results[4].Code.Should().Be("AccessDenied", "no external id");
        results[5].Ok.Should().BeTrue("external id and organization match: {0}", results[5]);
    }

    [Fact]
    public async Task A_roles_tags_are_aws_ResourceTag_of_calls_on_it()
    {
        var byResourceTag = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"ir"}}}]}""";
        var caller = await RoleAsync("resource-tag", byResourceTag);
        var tagged = await RoleAsync("tagged", null);
        var untagged = await RoleAsync("untagged", null);
        var tag = await RunOneAsync(new Boto3Call("iam", "tag_role", Admin, new { RoleName = tagged, Tags = new[] { new { Key = "TEAM", Value = "ir" } } }));
        var session = await AssumeAsync(caller);

        var results = await RunAsync(
            new Boto3Call("iam", "get_role", session, new { RoleName = tagged }),
            new Boto3Call("iam", "get_role", session, new { RoleName = untagged }));

        tag.Ok.Should().BeTrue(tag.ToString());
        results[0].Ok.Should().BeTrue("the role is tagged team=ir (keys case-insensitive): {0}", results[0]);
        results[1].Code.Should().Be("AccessDenied");
    }

    private async Task<string> RoleAsync(string prefix, string? inline)
    {
        var name = Unique(prefix);
        var calls = new List<Boto3Call> { new("iam", "create_role", Admin, new { RoleName = name, AssumeRolePolicyDocument = TrustProdRoot }) };
        if (inline is not null)
        {
            calls.Add(new("iam", "put_role_policy", Admin, new { RoleName = name, PolicyName = "inline", PolicyDocument = inline }));
        }

        var results = await RunAsync([.. calls]);
        results.Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        return name;
    }

    private async Task<AwsCredentials> AssumeAsync(string role, object? extra = null)
    {
        var parameters = new Dictionary<string, object> { ["RoleArn"] = Arn(role), ["RoleSessionName"] = "test" };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                parameters[property.Name] = property.GetValue(extra)!;
            }
        }

        var result = await RunOneAsync(new Boto3Call("sts", "assume_role", Admin, parameters));
        result.Ok.Should().BeTrue(result.ToString());
        return SessionOf(result.Response);
    }

    internal static AwsCredentials SessionOf(JsonElement assumed)
    {
        var credentials = assumed.GetProperty("Credentials");
        return new AwsCredentials(
            credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!, credentials.GetProperty("SessionToken").GetString());
    }

    private static string Arn(string role) => $"arn:aws:iam::{Prod}:role/{role}";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    private Task<IReadOnlyList<Boto3Result>> RunAsync(params Boto3Call[] calls) => Boto3Runner.RunAsync(fixture.Endpoint, calls);

    private Task<Boto3Result> RunOneAsync(Boto3Call call) => Boto3Runner.RunOneAsync(fixture.Endpoint, call);
}
