using System.Text.Json;
using IrOperator.Sandbox.Aws.Organizations;
using IrOperator.Sandbox.Hosting;

namespace IrOperator.Tests.AwsEmulator;

/// <summary>
/// The AWS CLI and boto3, real independent clients that parse responses with botocore's service
/// models, against the emulator started the way the sandbox starts it (files written by AwsSandbox).
/// </summary>
public sealed class AwsCliAndBoto3Tests : IAsyncLifetime
{
    private const string Prod = SampleOrganization.ProdAccountId;
    private readonly string _state = Path.Combine(Path.GetTempPath(), "iroperator-aws-cli-" + Guid.NewGuid().ToString("N"));
    private AwsSandbox? _sandbox;

    private AwsSandbox Sandbox => _sandbox!;

    private string Endpoint => Sandbox.Emulator.Endpoint.ToString();

    public async Task InitializeAsync() => _sandbox = await AwsSandbox.StartAsync(_state);

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Aws_cli_reads_roles_identities_sessions_and_accounts()
    {
        var files = Sandbox.Files;

        var role = await AwsCliProcess.RunAsync(files, Endpoint, "--profile", "admin-prod", "iam", "get-role", "--role-name", ProvisionerRole.Name);
        var roles = await AwsCliProcess.RunAsync(files, Endpoint, "--profile", "admin-prod", "iam", "list-roles");
        var identity = await AwsCliProcess.RunAsync(files, Endpoint, "--profile", "alice", "sts", "get-caller-identity");
        var session = await AwsCliProcess.RunAsync(
            files, Endpoint, "--profile", "operator", "sts", "assume-role", "--role-arn", $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}",
            "--role-session-name", "cli", "--source-identity", "cli-user");
        var accounts = await AwsCliProcess.RunAsync(files, Endpoint, "--profile", "operator", "organizations", "list-accounts");

        AssertRole(role.GetProperty("Role"));
        roles.GetProperty("Roles").EnumerateArray().Select(r => r.GetProperty("RoleName").GetString()).Should().Contain(ProvisionerRole.Name);
        identity.GetProperty("Arn").GetString().Should().Be($"arn:aws:iam::{SampleOrganization.SecurityToolingAccountId}:user/alice");
        identity.GetProperty("Account").GetString().Should().Be(SampleOrganization.SecurityToolingAccountId);
        AssertSession(session);
        AssertAccounts(accounts.GetProperty("Accounts"));
    }

    [Fact]
    public async Task Boto3_reads_roles_identities_sessions_and_accounts()
    {
        var emulator = Sandbox.Emulator;
        var admin = emulator.CredentialsOf(Prod, "admin-prod");
        var results = await Boto3Runner.RunAsync(
            emulator.Endpoint,
            new Boto3Call("iam", "get_role", admin, new { RoleName = ProvisionerRole.Name }),
            new Boto3Call("iam", "list_roles", admin),
            new Boto3Call("sts", "get_caller_identity", emulator.CredentialsOf(SampleOrganization.SecurityToolingAccountId, "bob")),
            new Boto3Call("sts", "assume_role", emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator"), new
            {
                RoleArn = $"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}", RoleSessionName = "boto3", SourceIdentity = "cli-user",
            }),
            new Boto3Call("organizations", "list_accounts", emulator.CredentialsOf(SampleOrganization.ManagementAccountId, "operator")));

        results.Should().AllSatisfy(result => result.Ok.Should().BeTrue(result.ToString()));
        AssertRole(results[0].Response.GetProperty("Role"));
        results[1].Response.GetProperty("IsTruncated").GetBoolean().Should().BeFalse();
        results[2].Response.GetProperty("Arn").GetString().Should().EndWith(":user/bob");
        AssertSession(results[3].Response);
        AssertAccounts(results[4].Response.GetProperty("Accounts"));
    }

    [Fact]
    public async Task Aws_cli_creates_and_attaches_a_customer_managed_policy_that_a_boundary_then_cuts()
    {
        var files = Sandbox.Files;
        var role = "cli-" + Guid.NewGuid().ToString("N")[..8];
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sts:AssumeRole"}]}""";
        const string readRoles = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:ListRoles"],"Resource":"*"}]}""";
        const string getRoleOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""";
        Task<JsonElement> Admin(params string[] arguments) => AwsCliProcess.RunAsync(files, Endpoint, ["--profile", "admin-prod", .. arguments]);

        await Admin("iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust);
        var permissions = await Admin("iam", "create-policy", "--policy-name", role + "-read", "--path", "/ir/", "--policy-document", readRoles);
        var boundary = await Admin("iam", "create-policy", "--policy-name", role + "-boundary", "--policy-document", getRoleOnly);
        var permissionsArn = permissions.GetProperty("Policy").GetProperty("Arn").GetString()!;
        await Admin("iam", "attach-role-policy", "--role-name", role, "--policy-arn", permissionsArn);
        var version = await Admin("iam", "get-policy-version", "--policy-arn", permissionsArn, "--version-id", "v1");
        var listed = await Admin("iam", "list-policies", "--scope", "Local", "--only-attached");
        var assumed = await Admin("sts", "assume-role", "--role-arn", $"arn:aws:iam::{Prod}:role/{role}", "--role-session-name", "cli");
        var session = EffectivePermissionsTests.SessionOf(assumed);
        var before = await AwsCliProcess.RunRawAsync(files, Endpoint, session, "iam", "list-roles", "--max-items", "1");
        await Admin("iam", "put-role-permissions-boundary", "--role-name", role, "--permissions-boundary", boundary.GetProperty("Policy").GetProperty("Arn").GetString()!);
        var after = await AwsCliProcess.RunRawAsync(files, Endpoint, session, "iam", "list-roles", "--max-items", "1");
        var stillAllowed = await AwsCliProcess.RunRawAsync(files, Endpoint, session, "iam", "get-role", "--role-name", role);

        permissionsArn.Should().Be($"arn:aws:iam::{Prod}:policy/ir/{role}-read");
        version.GetProperty("PolicyVersion").GetProperty("Document").GetProperty("Statement")[0].GetProperty("Action")[1].GetString().Should().Be("iam:ListRoles");
        listed.GetProperty("Policies").EnumerateArray().Select(p => p.GetProperty("Arn").GetString()).Should().Contain(permissionsArn);
        before.ExitCode.Should().Be(0, before.Errors);
        after.ExitCode.Should().NotBe(0);
        after.Errors.Should().Contain("(AccessDenied)").And.Contain("because no permissions boundary allows the iam:ListRoles action");
        stillAllowed.ExitCode.Should().Be(0, stillAllowed.Errors);
    }

    [Fact]
    public async Task Aws_cli_keeps_one_tag_per_key_whatever_its_case_and_refuses_a_wrongly_scoped_signature()
    {
        var files = Sandbox.Files;
        var role = "cli-tags-" + Guid.NewGuid().ToString("N")[..8];
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sts:AssumeRole"}]}""";
        Task<JsonElement> Admin(params string[] arguments) => AwsCliProcess.RunAsync(files, Endpoint, ["--profile", "admin-prod", .. arguments]);

        await Admin("iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust, "--tags", "Key=Env,Value=prod");
        await Admin("iam", "tag-role", "--role-name", role, "--tags", "Key=env,Value=dev");
        var tags = await Admin("iam", "list-role-tags", "--role-name", role);
        var reserved = await AwsCliProcess.RunRawAsync(files, Endpoint, null, "--profile", "admin-prod", "iam", "tag-role", "--role-name", role, "--tags", "Key=aws:x,Value=1");
        var wrongRegion = await AwsCliProcess.RunRawAsync(files, Endpoint, null, "--profile", "admin-prod", "--region", "eu-west-1", "iam", "get-role", "--role-name", role);

        tags.GetProperty("Tags").EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}").Should().Equal("env=dev");
        reserved.Errors.Should().Contain("(InvalidInput)");
        wrongRegion.ExitCode.Should().NotBe(0);
        wrongRegion.Errors.Should().Contain("(SignatureDoesNotMatch)").And.Contain("Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    [Fact]
    public void Sandbox_files_hold_every_profile_and_the_organization()
    {
        var files = Sandbox.Files;

        var config = File.ReadAllText(files.ConfigFile);
        var credentials = File.ReadAllText(files.CredentialsFile);
        var accounts = JsonDocument.Parse(File.ReadAllText(files.AccountsFile)).RootElement;

        foreach (var profile in new[] { "operator", "alice", "bob", "admin-management", "admin-security-tooling", "admin-prod", "admin-dev" })
        {
            config.Should().Contain($"[profile {profile}]");
            credentials.Should().Contain($"[{profile}]");
        }

        config.Should().Contain("endpoint_url = " + Endpoint.TrimEnd('/'));
        File.ReadAllText(files.EnvFile).Should().Contain("AWS_ENDPOINT_URL").And.Contain("AWS_CONFIG_FILE").And.Contain("AWS_SHARED_CREDENTIALS_FILE");
        accounts.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("name").GetString())
            .Should().Contain(["management", "security-tooling", "prod", "dev"]);
        Sandbox.Usage.Should().Contain(files.EnvFile);
    }

    private static void AssertRole(JsonElement role)
    {
        role.GetProperty("RoleName").GetString().Should().Be(ProvisionerRole.Name);
        role.GetProperty("Arn").GetString().Should().Be($"arn:aws:iam::{Prod}:role/{ProvisionerRole.Name}");
        role.GetProperty("RoleId").GetString().Should().StartWith("AROA");
        role.GetProperty("Path").GetString().Should().Be("/");
        role.GetProperty("MaxSessionDuration").GetInt32().Should().Be(3600);
        role.GetProperty("CreateDate").GetString().Should().NotBeNullOrEmpty();

        // botocore URL-decodes and parses the trust policy: it arrives as an object.
        role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Sid").GetString().Should().Be("TrustOperator");
    }

    private static void AssertSession(JsonElement session)
    {
        session.GetProperty("Credentials").GetProperty("AccessKeyId").GetString().Should().StartWith("ASIA");
        session.GetProperty("Credentials").GetProperty("SessionToken").GetString().Should().NotBeNullOrEmpty();
        session.GetProperty("Credentials").GetProperty("Expiration").GetString().Should().NotBeNullOrEmpty();
        session.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString().Should().StartWith($"arn:aws:sts::{Prod}:assumed-role/{ProvisionerRole.Name}/");
        session.GetProperty("SourceIdentity").GetString().Should().Be("cli-user");
    }

    private static void AssertAccounts(JsonElement accounts)
    {
        var prod = accounts.EnumerateArray().Single(account => account.GetProperty("Id").GetString() == Prod);
        prod.GetProperty("Name").GetString().Should().Be("prod");
        prod.GetProperty("State").GetString().Should().Be("ACTIVE");
        prod.GetProperty("Status").GetString().Should().Be("ACTIVE");
        prod.GetProperty("Arn").GetString().Should().Be($"arn:aws:organizations::{SampleOrganization.ManagementAccountId}:account/{SampleOrganization.OrganizationId}/{Prod}");
        // The CLI v1 prints JSON-protocol timestamps as they came (epoch seconds); boto3 gives a datetime.
        var joined = prod.GetProperty("JoinedTimestamp");
        (joined.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds((long)joined.GetDouble()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : joined.GetString()).Should().StartWith("2024-01-15");
        accounts.EnumerateArray().Should().Contain(account => account.GetProperty("State").GetString() == "SUSPENDED");
    }
}
