using System.Text.Json.Nodes;

namespace IrOperator.Tests.Cli;

/// <summary>`iroperator plan` without AWS: validation (schema, CEL, operator checks), exit codes, --base, --accounts, JSON.</summary>
public sealed class PlanOfflineTests : IDisposable
{
    private const string Organization = """
        {
          "organizationId": "o-test",
          "rootId": "r-test",
          "organizationalUnits": [
            {"id": "ou-ir01-workloads", "name": "Workloads", "parentId": "r-test"},
            {"id": "ou-ir01-prod0001", "name": "Prod", "parentId": "ou-ir01-workloads"}
          ],
          "accounts": [
            {"id": "111111111111", "name": "management", "state": "ACTIVE", "parentId": "r-test", "tags": {}},
            {"id": "222222222222", "name": "security-tooling", "state": "ACTIVE", "parentId": "r-test", "tags": {}},
            {"id": "333333333333", "name": "prod", "state": "ACTIVE", "parentId": "ou-ir01-prod0001", "tags": {"env": "prod"}},
            {"id": "444444444444", "name": "dev", "state": "ACTIVE", "parentId": "ou-ir01-workloads", "tags": {"env": "dev"}},
            {"id": "555555555555", "name": "legacy", "state": "SUSPENDED", "parentId": "ou-ir01-workloads", "tags": {"env": "dev"}}
          ]
        }
        """;

    private readonly PlanCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_examples_plan_as_new_roles_and_exit_0_or_2_with_detailed_exitcode()
    {
        var examples = Path.Combine(AppContext.BaseDirectory, "examples");

        var plain = await PlanCli.RunAsync("-f", examples);
        var detailed = await PlanCli.RunAsync("-f", examples, "--detailed-exitcode");

        plain.ExitCode.Should().Be(0, plain.ToString());
        detailed.ExitCode.Should().Be(2, detailed.ToString());
        plain.Output.Should().Contain("ResponderRole forensic-investigator: IAM role /incident-response/ir-forensic-investigator")
            .And.Contain("account 333333333333: Create")
            .And.Contain("CreateRole: role /incident-response/ir-forensic-investigator created")
            .And.Contain("+++ b/inline policy iroperator-preset-forensics")
            .And.Contain("kind Namespace is not a ResponderRole or BreakGlassGrant");
    }

    [Fact]
    public async Task A_schema_error_names_the_file_the_document_and_the_field()
    {
        var file = _cli.Write("roles/two.yaml", PlanManifests.Role("first") + "\n---\n" + PlanManifests.Role("second").Replace("users: [bob]", "users: [bob]\n    minApprovals: 0", StringComparison.Ordinal));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "--detailed-exitcode");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain($"{file}, document 2 (ResponderRole second): spec.breakGlass.minApprovals: Invalid value: 0: spec.breakGlass.minApprovals in body should be greater than or equal to 1");
        run.Output.Should().NotContain("document 1 (ResponderRole first):", "the first document is valid");
    }

    [Fact]
    public async Task A_cel_rule_error_names_the_field()
    {
        _cli.Write("role.yaml", PlanManifests.Role("cel"));
        _cli.Write("grant.yaml", PlanManifests.Grant("g", "cel").Replace("arn:aws:iam::222222222222:role/responder", "arn:aws:iam::222222222222:group/responders", StringComparison.Ordinal));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        var error = run.Json["errors"]!.AsArray().Single()!;
        error["file"]!.GetValue<string>().Should().EndWith("grant.yaml");
        error["document"]!.GetValue<int>().Should().Be(1);
        error["kind"]!.GetValue<string>().Should().Be("BreakGlassGrant");
        error["field"]!.GetValue<string>().Should().Be("spec.principalArn");
        error["message"]!.GetValue<string>().Should().StartWith("Invalid value");
    }

    [Fact]
    public async Task An_unknown_field_is_refused_as_kubectl_strict_validation_does()
    {
        _cli.Write("role.yaml", PlanManifests.Role("typo", extra: "  colour: blue"));

        var run = await PlanCli.RunAsync("-f", _cli.Root);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain("role.yaml, document 1 (ResponderRole typo): spec.colour: unknown field");
    }

    [Fact]
    public async Task The_operators_own_checks_name_the_field_inside_a_policy_document()
    {
        _cli.Write("role.yaml", PlanManifests.Role("effect").Replace("Effect: Allow", "Effect: Maybe", StringComparison.Ordinal));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Should().Contain("spec.inlinePolicies.logs-read.Statement[0].Effect");
    }

    [Fact]
    public async Task A_grant_longer_than_its_role_allows_is_invalid_naming_spec_duration()
    {
        _cli.Write("role.yaml", PlanManifests.Role("short"));
        _cli.Write("grant.yaml", PlanManifests.Grant("long", "short", duration: "6h"));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "--accounts", _cli.Write("accounts.json", Organization));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain("grant.yaml, document 1 (BreakGlassGrant long): spec.duration: 6h is longer than the role's breakGlass.maxGrantDuration (4h)");
    }

    [Fact]
    public async Task Boundaries_are_planned_per_account_from_the_placeholder_and_the_default()
    {
        _cli.Write("own.yaml", PlanManifests.Role("own", extra: "  permissionsBoundaryArn: arn:aws:iam::{accountId}:policy/tighter"));
        _cli.Write("plain.yaml", PlanManifests.Role("plain"));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "--accounts", _cli.Write("accounts.json", Organization),
            "--default-permissions-boundary", "arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary");

        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var account in new[] { "333333333333", "444444444444" })
        {
            run.Output.Should().Contain("role /incident-response/ir-own created").And.Contain($"boundary arn:aws:iam::{account}:policy/tighter")
                .And.Contain($"boundary arn:aws:iam::{account}:policy/iroperator/IrOperatorResponderBoundary");
        }
        run.Output.Should().NotContain("{accountId}", "only resolved ARNs are planned");
    }

    [Fact]
    public async Task A_valid_grant_is_checked_against_its_role_and_changes_nothing()
    {
        _cli.Write("role.yaml", PlanManifests.Role("fits"));
        _cli.Write("grant.yaml", PlanManifests.Grant("ok", "fits"));
        var baseDir = Path.Combine(_cli.Root, "base");
        _cli.Write("base/role.yaml", PlanManifests.Role("fits"));

        var run = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "role.yaml"), Path.Combine(_cli.Root, "grant.yaml"),
            "--base", baseDir, "--accounts", _cli.Write("accounts.json", Organization), "--detailed-exitcode");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("BreakGlassGrant incident-response/ok (role fits): Valid, the grant fits its role")
            .And.Contain("No changes: 2 (role, account) pairs in line with the manifests.");
    }

    [Fact]
    public async Task A_changed_role_shows_exactly_the_change()
    {
        _cli.Write("base/role.yaml", PlanManifests.Role("changed", actions: "\"logs:GetLogEvents\", \"logs:DescribeLogGroups\""));
        _cli.Write("head/role.yaml", PlanManifests.Role("changed", actions: "\"logs:GetLogEvents\", \"logs:FilterLogEvents\", \"logs:DescribeLogGroups\""));

        var run = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "head"), "--base", Path.Combine(_cli.Root, "base"), "--detailed-exitcode");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Output.Should().Contain("account 333333333333: Update, 1 IAM call").And.Contain("account 444444444444: Update, 1 IAM call")
            .And.Contain("1. PutRolePolicy: inline policy logs-read: ~statement LogsRead")
            .And.Contain("--- a/inline policy logs-read").And.Contain("+++ b/inline policy logs-read");
        // One line added per account, nothing else changed.
        run.ChangedLines.Should().Equal("+      \"logs:FilterLogEvents\",", "+      \"logs:FilterLogEvents\",");
    }

    [Fact]
    public async Task Against_the_same_manifests_there_is_no_change()
    {
        _cli.Write("base/role.yaml", PlanManifests.Role("same"));
        _cli.Write("head/role.yaml", PlanManifests.Role("same"));

        var run = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "head"), "--base", Path.Combine(_cli.Root, "base"), "--detailed-exitcode", "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["changes"]!.GetValue<bool>().Should().BeFalse();
        run.Json["roles"]![0]!["accounts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()).Should().Equal("InSync", "InSync");
    }

    [Fact]
    public async Task A_role_removed_from_the_manifests_and_an_account_left_out_are_planned_for_deletion()
    {
        _cli.Write("base/roles.yaml", PlanManifests.Role("kept") + "\n---\n" + PlanManifests.Role("gone"));
        _cli.Write("head/roles.yaml", PlanManifests.Role("kept", accounts: "ids: [\"333333333333\"]"));

        var run = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "head"), "--base", Path.Combine(_cli.Root, "base"), "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        var roles = run.Json["roles"]!.AsArray();
        var kept = roles.Single(r => r!["name"]!.GetValue<string>() == "kept")!;
        kept["accounts"]!.AsArray().Select(a => $"{a!["accountId"]} {a["outcome"]}").Should().Equal("333333333333 InSync", "444444444444 Delete");
        var gone = roles.Single(r => r!["name"]!.GetValue<string>() == "gone")!;
        gone["removed"]!.GetValue<bool>().Should().BeTrue();
        gone["accounts"]![0]!["calls"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).Should().Equal("DeleteRolePolicy", "DeleteRole");
    }

    [Fact]
    public async Task A_role_made_invalid_by_the_change_is_an_error_not_a_deletion()
    {
        _cli.Write("base/role.yaml", PlanManifests.Role("broken"));
        _cli.Write("head/role.yaml", PlanManifests.Role("broken").Replace("maxSessionDuration: 1h", "maxSessionDuration: 13h", StringComparison.Ordinal));

        var run = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "head"), "--base", Path.Combine(_cli.Root, "base"), "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Should().Equal("spec.maxSessionDuration");
        run.Json["roles"]!.AsArray().Should().BeEmpty("the role is not planned, and certainly not for deletion");
    }

    [Fact]
    public async Task Organizational_units_resolve_from_the_accounts_file_and_are_refused_without_one()
    {
        _cli.Write("role.yaml", PlanManifests.Role("by-ou", accounts: "organizationalUnits: [\"ou-ir01-workloads\"]"));

        var without = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "role.yaml"));
        var with = await PlanCli.RunAsync("-f", Path.Combine(_cli.Root, "role.yaml"), "--accounts", _cli.Write("accounts.json", Organization), "-o", "json");

        without.ExitCode.Should().Be(1, without.ToString());
        without.Output.Should().Contain("spec.accounts.organizationalUnits: resolving it needs the organization: pass --accounts <file> or --live");
        with.ExitCode.Should().Be(0, with.ToString());
        var role = with.Json["roles"]![0]!;
        // Recursive: prod sits in an OU below ou-ir01-workloads; the suspended account is skipped, not planned.
        role["accounts"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()).Should().Equal("333333333333", "444444444444");
        role["skipped"]!.AsArray().Select(s => s!["accountId"]!.GetValue<string>()).Should().Equal("555555555555");
    }

    [Fact]
    public async Task The_json_output_has_the_documented_shape()
    {
        _cli.Write("role.yaml", PlanManifests.Role("shape", accounts: "ids: [\"333333333333\"]"));

        var run = await PlanCli.RunAsync("-f", _cli.Root, "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        var json = run.Json;
        json.Select(p => p.Key).Should().Equal("formatVersion", "mode", "valid", "changes", "summary", "errors", "notes", "roles", "grants");
        json["formatVersion"]!.GetValue<int>().Should().Be(1);
        json["mode"]!.GetValue<string>().Should().Be("offline");
        json["summary"]!.AsObject().Select(p => $"{p.Key}={p.Value}").Should().Equal("roles=1", "accountsToChange=1", "calls=2", "accountsInSync=0", "errors=0");
        var account = json["roles"]![0]!["accounts"]![0]!.AsObject();
        account.Select(p => p.Key).Should().Equal("accountId", "outcome", "message", "error", "changes", "calls");
        var calls = account["calls"]!.AsArray();
        calls.Select(c => c!["action"]!.GetValue<string>()).Should().Equal("CreateRole", "PutRolePolicy");
        var document = calls[1]!["document"]!;
        document["label"]!.GetValue<string>().Should().Be("inline policy logs-read");
        document["before"].Should().BeNull();
        document["after"]!["Statement"]!["Sid"]!.GetValue<string>().Should().Be("LogsRead", "one statement is written as an object, as IAM shows it");
        document["diff"]!.GetValue<string>().Should().StartWith("--- /dev/null\n+++ b/inline policy logs-read\n@@ -0,0 +1,");
    }

    [Fact]
    public async Task Missing_files_and_broken_yaml_are_invalid_input()
    {
        var broken = _cli.Write("broken.yaml", "kind: ResponderRole\nmetadata: {name: [unclosed\n");

        var run = await PlanCli.RunAsync("-f", broken, Path.Combine(_cli.Root, "missing.yaml"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain($"{broken}: invalid YAML at line").And.Contain("missing.yaml: no such file or folder");
    }
}
