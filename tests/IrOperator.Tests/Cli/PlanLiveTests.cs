using IrOperator.Iam.Desired;
using IrOperator.Iam.Planning;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Fixtures;

namespace IrOperator.Tests.Cli;

/// <summary>
/// `iroperator plan --live` against the AWS emulator over loopback, with the files the sandbox writes (the
/// operator's profile and credentials file, accounts.json): the organization comes from Organizations, each
/// account's role from IAM through the provisioner role, and the plan is the diff with what is there.
/// </summary>
public sealed class PlanLiveTests : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly AwsEmulatorFixture _aws;
    private readonly PlanCli _cli = new();
    private readonly AwsSandboxFiles _files;
    private readonly AwsTestStack _stack;

    public PlanLiveTests(AwsEmulatorFixture aws)
    {
        _aws = aws;
        _files = AwsSandboxFileWriter.Write(Path.Combine(_cli.Root, "sandbox"), aws.Emulator);
        _stack = EmulatorStacks.Create(aws);
    }

    public void Dispose()
    {
        _stack.Dispose();
        _cli.Dispose();
    }

    private Task<PlanRun> PlanLiveAsync(string manifests, params string[] more) => PlanCli.RunAsync(
        ["-f", manifests, "--live", "--aws-profile", SandboxOperator.AwsProfile, "--aws-credentials-file", _files.CredentialsFile, .. more]);

    [Fact]
    public async Task A_new_role_is_created_in_every_active_account_the_organization_puts_under_its_ou()
    {
        var role = _cli.Write("new.yaml", PlanManifests.Role("live-new", accounts: "organizationalUnits: [\"ou-ir01-workloads\"]"));

        var run = await PlanLiveAsync(role, "-o", "json", "--detailed-exitcode");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Json["mode"]!.GetValue<string>().Should().Be("live");
        var plan = run.Json["roles"]![0]!;
        plan["accounts"]!.AsArray().Select(a => $"{a!["accountId"]} {a["outcome"]}").Should().Equal("333333333333 Create", "444444444444 Create");
        plan["skipped"]!.AsArray().Select(s => s!["accountId"]!.GetValue<string>()).Should().Equal("555555555555");
    }

    [Fact]
    public async Task After_the_operator_applied_a_role_the_plan_is_empty_and_a_change_shows_exactly_itself()
    {
        const string name = "live-change";
        var original = PlanManifests.Role(name, actions: "\"logs:GetLogEvents\", \"logs:DescribeLogGroups\"");
        await ApplyAsync(original);
        var manifest = _cli.Write("role.yaml", original);

        var unchanged = await PlanLiveAsync(manifest, "--detailed-exitcode");
        _cli.Write("role.yaml", PlanManifests.Role(name, actions: "\"logs:GetLogEvents\", \"logs:FilterLogEvents\", \"logs:DescribeLogGroups\""));
        var changed = await PlanLiveAsync(manifest, "--detailed-exitcode");

        unchanged.ExitCode.Should().Be(0, unchanged.ToString());
        unchanged.Output.Should().Contain("account 333333333333: InSync, no change").And.Contain("No changes: 2 (role, account) pairs");
        changed.ExitCode.Should().Be(2, changed.ToString());
        changed.Output.Should().Contain("account 333333333333: Update, 1 IAM call").And.Contain("account 444444444444: Update, 1 IAM call")
            .And.Contain("1. PutRolePolicy: inline policy logs-read: ~statement LogsRead");
        changed.ChangedLines.Should().Equal("+      \"logs:FilterLogEvents\",", "+      \"logs:FilterLogEvents\",");
    }

    [Fact]
    public async Task An_open_grants_trust_statement_is_not_planned_away()
    {
        const string name = "live-granted";
        var manifest = PlanManifests.Role(name, accounts: "ids: [\"333333333333\"]");
        var desired = await ApplyAsync(manifest);
        var now = DateTimeOffset.UtcNow;
        var withGrant = TrustPolicies.Build(null, [new GrantTrust("grant-uid-1", "arn:aws:iam::222222222222:role/responder", "alice", now, now.AddHours(1))]);
        await _stack.Factory.Iam(PlanManifests.Prod).UpdateAssumeRolePolicyAsync(desired.RoleName, withGrant.ToJson(), CancellationToken.None);

        var run = await PlanLiveAsync(_cli.Write("role.yaml", manifest), "--detailed-exitcode");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("account 333333333333: InSync, no change");
    }

    [Fact]
    public async Task The_sandboxs_accounts_file_resolves_the_organization_as_live_organizations_does()
    {
        var role = _cli.Write("tagged.yaml", PlanManifests.Role("by-tag", accounts: "tags: {ir-managed: \"true\"}"));

        var live = await PlanLiveAsync(role, "-o", "json");
        var offline = await PlanCli.RunAsync("-f", role, "--accounts", _files.AccountsFile, "-o", "json");

        live.ExitCode.Should().Be(0, live.ToString());
        offline.ExitCode.Should().Be(0, offline.ToString());
        offline.Json["mode"]!.GetValue<string>().Should().Be("offline");
        offline.Json["roles"]!.ToJsonString().Should().Be(live.Json["roles"]!.ToJsonString());
        offline.Json["roles"]![0]!["accounts"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()).Should().Equal("222222222222", "333333333333", "444444444444");
    }

    [Fact]
    public async Task Credentials_that_do_not_work_are_a_failed_read_not_a_plan()
    {
        var role = _cli.Write("role.yaml", PlanManifests.Role("live-denied", accounts: "ids: [\"333333333333\"]"));

        var run = await PlanCli.RunAsync("-f", role, "--live", "--aws-profile", "no-such-profile", "--aws-credentials-file", _files.CredentialsFile);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("iroperator plan: AWS could not be read");
    }

    /// <summary>What the operator does per account (docs/responder-roles.md): read, plan with the one planner, apply the steps in order.</summary>
    private async Task<DesiredRole> ApplyAsync(string manifest)
    {
        var role = (ResponderRole)Manifests.Read(manifest).Single();
        var desired = DesiredRoleBuilder.Build(role, RoleAccess.None, new DesiredRoleOptions()).Role!;
        foreach (var account in role.Spec.Accounts.Ids!)
        {
            var iam = _stack.Factory.Iam(account);
            var plan = RolePlanner.Plan(desired, await ObservedRoleReader.ReadAsync(iam, desired.RoleName, CancellationToken.None));
            foreach (var step in plan.Steps)
            {
                await step.ApplyAsync(iam, CancellationToken.None);
            }
        }

        return desired;
    }
}
