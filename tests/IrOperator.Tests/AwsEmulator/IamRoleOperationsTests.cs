using IrOperator.Sandbox.Aws.Identity;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>IAM's role operations and their error codes, driven through boto3 against the emulator.</summary>
public sealed class IamRoleOperationsTests(AwsEmulatorFixture fixture) : IClassFixture<AwsEmulatorFixture>
{
    private const string Dev = SampleOrganization.DevAccountId;
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}""";
    private const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}""";

    private AwsCredentials Admin => fixture.Emulator.CredentialsOf(Dev, "admin-dev");

    [Fact]
    public async Task Role_lifecycle_round_trips_through_every_operation()
    {
        var name = Unique("life");
        var newTrust = Trust.Replace("222222222222", "333333333333", StringComparison.Ordinal);
        var results = await RunAsync(
            Call("create_role", new { RoleName = name, Path = "/incident-response/", AssumeRolePolicyDocument = Trust, Description = "first", MaxSessionDuration = 7200, Tags = new[] { new { Key = "team", Value = "ir" } } }),
            Call("update_role", new { RoleName = name, Description = "second", MaxSessionDuration = 10800 }),
            Call("update_assume_role_policy", new { RoleName = name, PolicyDocument = newTrust }),
            Call("put_role_policy", new { RoleName = name, PolicyName = "a", PolicyDocument = Allow }),
            Call("put_role_policy", new { RoleName = name, PolicyName = "b", PolicyDocument = Allow }),
            Call("put_role_policy", new { RoleName = name, PolicyName = "c", PolicyDocument = Allow }),
            Call("list_role_policies", new { RoleName = name, MaxItems = 2 }),
            Call("get_role_policy", new { RoleName = name, PolicyName = "b" }),
            Call("attach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
            Call("attach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/SecurityAudit" }),
            Call("list_attached_role_policies", new { RoleName = name }),
            Call("tag_role", new { RoleName = name, Tags = new[] { new { Key = "incident", Value = "INC-1" }, new { Key = "team", Value = "sec" } } }),
            Call("untag_role", new { RoleName = name, TagKeys = new[] { "incident" } }),
            Call("list_role_tags", new { RoleName = name }),
            Call("put_role_permissions_boundary", new { RoleName = name, PermissionsBoundary = "arn:aws:iam::aws:policy/PowerUserAccess" }),
            Call("get_role", new { RoleName = name }),
            Call("delete_role_permissions_boundary", new { RoleName = name }),
            Call("delete_role", new { RoleName = name }));

        results.Take(6).Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        var firstPage = results[6].Response;
        firstPage.GetProperty("PolicyNames").EnumerateArray().Select(e => e.GetString()).Should().Equal("a", "b");
        firstPage.GetProperty("IsTruncated").GetBoolean().Should().BeTrue();
        var secondPage = await RunOneAsync(Call("list_role_policies", new { RoleName = name, Marker = firstPage.GetProperty("Marker").GetString() }));
        secondPage.Response.GetProperty("PolicyNames").EnumerateArray().Select(e => e.GetString()).Should().Equal("c");
        secondPage.Response.GetProperty("IsTruncated").GetBoolean().Should().BeFalse();
        results[7].Response.GetProperty("PolicyDocument").GetProperty("Statement")[0].GetProperty("Action").GetString().Should().Be("logs:Get*");
        results[10].Response.GetProperty("AttachedPolicies").EnumerateArray().Select(e => e.GetProperty("PolicyName").GetString()).Should().Equal("ReadOnlyAccess", "SecurityAudit");
        results[13].Response.GetProperty("Tags").EnumerateArray().Select(e => $"{e.GetProperty("Key").GetString()}={e.GetProperty("Value").GetString()}").Should().Equal("team=sec");
        var role = results[15].Response.GetProperty("Role");
        role.GetProperty("Arn").GetString().Should().Be($"arn:aws:iam::{Dev}:role/incident-response/{name}");
        role.GetProperty("Description").GetString().Should().Be("second");
        role.GetProperty("MaxSessionDuration").GetInt32().Should().Be(10800);
        role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("AWS").GetString().Should().Be("arn:aws:iam::333333333333:root");
        role.GetProperty("PermissionsBoundary").GetProperty("PermissionsBoundaryArn").GetString().Should().Be("arn:aws:iam::aws:policy/PowerUserAccess");
        results[16].Ok.Should().BeTrue();
        (results[17].Status, results[17].Code, results[17].Message).Should().Be((409, "DeleteConflict", "Cannot delete entity, must delete policies first."));

        var cleanup = await RunAsync(
            Call("delete_role_policy", new { RoleName = name, PolicyName = "a" }),
            Call("delete_role_policy", new { RoleName = name, PolicyName = "b" }),
            Call("delete_role_policy", new { RoleName = name, PolicyName = "c" }),
            Call("delete_role", new { RoleName = name }),
            Call("detach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
            Call("detach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/SecurityAudit" }),
            Call("delete_role", new { RoleName = name }),
            Call("get_role", new { RoleName = name }));
        cleanup[3].Message.Should().Be("Cannot delete entity, must detach all policies first.");
        cleanup[6].Ok.Should().BeTrue(cleanup[6].ToString());
        (cleanup[7].Status, cleanup[7].Code, cleanup[7].Message).Should().Be((404, "NoSuchEntity", $"The role with name {name} cannot be found."));
    }

    [Fact]
    public async Task Errors_carry_IAMs_codes_statuses_and_messages()
    {
        var name = Unique("err");
        var results = await RunAsync(
            Call("create_role", new { RoleName = name, AssumeRolePolicyDocument = Trust }),
            Call("create_role", new { RoleName = name.ToUpperInvariant(), AssumeRolePolicyDocument = Trust }),
            Call("create_role", new { RoleName = "bad name!", AssumeRolePolicyDocument = Trust }),
            Call("create_role", new { RoleName = Unique("p"), Path = "no-slashes", AssumeRolePolicyDocument = Trust }),
            Call("create_role", new { RoleName = Unique("m"), AssumeRolePolicyDocument = "{" }),
            Call("create_role", new { RoleName = Unique("u"), AssumeRolePolicyDocument = Trust.Replace("arn:aws:iam::222222222222:root", "arn:aws:iam::444444444444:user/nobody", StringComparison.Ordinal) }),
            Call("put_role_policy", new { RoleName = name, PolicyName = "p", PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""" }),
            Call("attach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/NoSuchPolicy" }),
            Call("detach_role_policy", new { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
            Call("get_role_policy", new { RoleName = name, PolicyName = "missing" }),
            Call("update_role", new { RoleName = name, MaxSessionDuration = 100 }),
            Call("get_role", new { RoleName = Unique("none") }));

        results[0].Ok.Should().BeTrue(results[0].ToString());
        Outcome(results[1]).Should().Be((409, "EntityAlreadyExists", $"Role with name {name.ToUpperInvariant()} already exists."));
        Outcome(results[2]).Should().Be((400, "ValidationError", @"1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"));
        (results[3].Status, results[3].Code).Should().Be((400, "ValidationError"));
        Outcome(results[4]).Should().Be((400, "MalformedPolicyDocument", "Syntax errors in policy."));
        Outcome(results[5]).Should().Be((400, "MalformedPolicyDocument", "Invalid principal in policy: \"AWS\":\"arn:aws:iam::444444444444:user/nobody\""));
        Outcome(results[6]).Should().Be((400, "MalformedPolicyDocument", "Policy document should not specify a principal."));
        Outcome(results[7]).Should().Be((404, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."));
        Outcome(results[8]).Should().Be((404, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found."));
        Outcome(results[9]).Should().Be((404, "NoSuchEntity", "The role policy with name missing cannot be found."));
        (results[10].Status, results[10].Code).Should().Be((400, "ValidationError"));
        (results[11].Status, results[11].Code).Should().Be((404, "NoSuchEntity"));
    }

    [Fact]
    public async Task ListRoles_filters_by_path_and_pages_with_markers()
    {
        var path = $"/{Unique("list")}/";
        await RunAsync([.. Enumerable.Range(1, 3).Select(index => Call("create_role", new { RoleName = $"{Unique("r")}-{index}", Path = path, AssumeRolePolicyDocument = Trust }))]);

        var first = await RunOneAsync(Call("list_roles", new { PathPrefix = path, MaxItems = 2 }));
        var second = await RunOneAsync(Call("list_roles", new { PathPrefix = path.TrimEnd('/'), MaxItems = 2, Marker = first.Response.GetProperty("Marker").GetString() }));

        first.Response.GetProperty("Roles").GetArrayLength().Should().Be(2);
        first.Response.GetProperty("IsTruncated").GetBoolean().Should().BeTrue();
        second.Response.GetProperty("Roles").GetArrayLength().Should().Be(1);
        second.Response.GetProperty("IsTruncated").GetBoolean().Should().BeFalse();
        second.Response.TryGetProperty("Marker", out _).Should().BeFalse();
        first.Response.GetProperty("Roles")[0].TryGetProperty("Tags", out _).Should().BeFalse("ListRoles leaves out tags, boundary and last use, as IAM does");
    }

    [Fact]
    public async Task Provisioner_session_manages_only_roles_under_the_incident_response_path()
    {
        var operatorKey = fixture.Emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator");
        var assumed = await Boto3Runner.RunOneAsync(fixture.Endpoint, new Boto3Call("sts", "assume_role", operatorKey, new
        {
            RoleArn = $"arn:aws:iam::{Dev}:role/{ProvisionerRole.Name}", RoleSessionName = "iroperator", SourceIdentity = "iroperator",
        }));
        var credentials = assumed.Response.GetProperty("Credentials");
        var session = new AwsCredentials(credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!, credentials.GetProperty("SessionToken").GetString());
        var (inside, outside, missing) = (Unique("in"), Unique("out"), Unique("missing"));

        var results = await Boto3Runner.RunAsync(
            fixture.Endpoint,
            new Boto3Call("iam", "create_role", session, new { RoleName = inside, Path = "/incident-response/", AssumeRolePolicyDocument = Trust }),
            new Boto3Call("iam", "create_role", session, new { RoleName = outside, AssumeRolePolicyDocument = Trust }),
            new Boto3Call("iam", "get_role", session, new { RoleName = missing }),
            new Boto3Call("iam", "delete_role", session, new { RoleName = ProvisionerRole.Name }));

        results[0].Ok.Should().BeTrue(results[0].ToString());
        Outcome(results[1]).Should().Be((403, "AccessDenied",
            $"User: arn:aws:sts::{Dev}:assumed-role/{ProvisionerRole.Name}/iroperator is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::{Dev}:role/{outside} because no identity-based policy allows the iam:CreateRole action"));
        results[2].Code.Should().Be("NoSuchEntity", "reads are allowed on every role, so a missing role is not hidden behind AccessDenied");
        results[3].Code.Should().Be("AccessDenied");
    }

    private static (int, string?, string?) Outcome(Boto3Result result) => (result.Status, result.Code, result.Message);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Boto3Call Call(string operation, object parameters) => new("iam", operation, Admin, parameters);

    private Task<IReadOnlyList<Boto3Result>> RunAsync(params Boto3Call[] calls) => Boto3Runner.RunAsync(fixture.Endpoint, calls);

    private Task<Boto3Result> RunOneAsync(Boto3Call call) => Boto3Runner.RunOneAsync(fixture.Endpoint, call);
}
