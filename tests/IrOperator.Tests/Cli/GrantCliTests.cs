using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Cli.Grants;
using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Tests.Controllers.Grants;
using IrOperator.Tests.Controllers.ResponderRoles;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace IrOperator.Tests.Cli;

/// <summary>
/// Each grant verb against the Kubernetes emulator (RBAC of deploy/sandbox-rbac enforced) as the sandbox's users
/// through a kubeconfig: alice requests, bob and carol approve, deny and revoke. No operator runs here: where a
/// test needs a phase, admin writes the status the operator would write (the end-to-end run is
/// <see cref="GrantCliEndToEndTests"/>).
/// </summary>
public sealed class GrantCliTests : IClassFixture<KubeEmulatorFixture>, IDisposable
{
    private const string Ns = "incident-response";
    private const string Principal = "arn:aws:iam::222222222222:user/alice";
    private readonly KubeEmulatorFixture _fixture;
    private readonly string _directory = Directory.CreateTempSubdirectory("grant-cli-").FullName;
    private readonly GrantCliRunner _cli;
    private readonly string _role = $"cli-{Guid.NewGuid():N}"[..12];

    public GrantCliTests(KubeEmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new GrantCliRunner(fixture.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Request_as_alice_takes_her_name_from_the_server_and_prints_the_approval_command()
    {
        await CreateRoleAsync();

        var result = await _cli.GrantAsync("alice", "-n", Ns, "request", _role, "--accounts", "333333333333,444444444444", "--duration", "30m",
            "--principal", Principal, "--incident", "INC-4711", "--reason", "Ransomware indicators");

        result.ExitCode.Should().Be(0, result.ToString());
        var name = NameFrom(result.Output);
        name.Should().StartWith("alice-inc-4711-");
        result.Output.Should().Contain($"\n  iroperator grant approve -n {Ns} {name}\n").And.Contain("bob, carol");
        var grant = await GetAsync(name);
        grant.Spec.RequestedBy.Should().Be("alice", "the server's view of the caller (SelfSubjectReview)");
        grant.Spec.Accounts.Should().Equal("333333333333", "444444444444");
        grant.Spec.Duration.Should().Be("30m");
        grant.Spec.PrincipalArn.Should().Be(Principal);
        grant.Spec.Incident.Should().Be("INC-4711");
        grant.Spec.Reason.Should().Be("Ransomware indicators");
    }

    [Fact]
    public async Task Request_says_what_to_do_about_an_unknown_role_a_long_duration_and_an_account_outside_the_role()
    {
        await CreateRoleAsync();

        var unknown = await RequestAsync("alice", "no-such-role");
        var tooLong = await RequestAsync("alice", _role, duration: "5h");
        var outside = await RequestAsync("alice", _role, accounts: "555555555555");

        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().Contain("there is no ResponderRole \"no-such-role\"").And.Contain(_role, "it lists the break-glass roles one can request");
        tooLong.ExitCode.Should().Be(1);
        tooLong.Error.Should().Contain($"--duration 5h is longer than ResponderRole {_role} allows (breakGlass.maxGrantDuration 4h)");
        outside.ExitCode.Should().Be(1);
        outside.Error.Should().Contain($"--accounts: 555555555555 is not among the accounts of ResponderRole {_role} (333333333333, 444444444444)");
        (await ListAsync()).Should().NotContain(g => g.Spec.Role == _role, "nothing was created");
    }

    [Fact]
    public async Task Request_refused_by_rbac_says_who_may_request()
    {
        await CreateRoleAsync();

        // carol is an approver: the sandbox's RBAC lets her read and patch grants, not create them.
        var result = await RequestAsync("carol", _role);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"you may not create a BreakGlassGrant in namespace {Ns} (403)").And.Contain("grant-requester role");
    }

    [Fact]
    public async Task A_requester_who_may_not_read_roles_is_warned_and_the_request_is_still_made()
    {
        await CreateRoleAsync();
        // dora may request grants (the requester role, bound to her alone) but not read ResponderRoles.
        var dora = $"dora-{_role}";
        _fixture.Emulator.AddUser(dora);
        await _fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = dora },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "iroperator-grant-requester" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = dora }],
        }, Ns);
        var cli = new GrantCliRunner(_fixture.Emulator.WriteKubeconfig(Path.Combine(_directory, "kubeconfig-dora")));

        var result = await cli.GrantAsync(dora, "-n", Ns, "request", _role, "--duration", "30m", "--principal", Principal, "--incident", "INC-7", "--reason", "test");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().Contain($"warning: you may not read ResponderRole {_role}, so the request was not checked against it");
        result.Output.Should().Contain($"Send this to an approver of ResponderRole {_role}:");
        (await GetAsync(NameFrom(result.Output))).Spec.RequestedBy.Should().Be(dora);
    }

    [Fact]
    public async Task Bob_approves_as_himself_in_the_form_the_operator_counts()
    {
        var role = await CreateRoleAsync();
        var name = await RequestedAsync();

        var result = await _cli.GrantAsync("bob", "-n", Ns, "approve", name);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain($"Approved {Ns}/{name} as bob, as a named approver (approval.iroperator.io/bob=bob)");
        var grant = await GetAsync(name);
        grant.Metadata.Annotations.Should().Contain("approval.iroperator.io/bob", "bob");
        ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, role.Spec.BreakGlass!, null, DateTimeOffset.UtcNow)
            .Approvers.Should().Equal("bob");

        var again = await _cli.GrantAsync("bob", "-n", Ns, "approve", name);
        again.ExitCode.Should().Be(0);
        again.Output.Should().Contain("You already approved");
    }

    [Fact]
    public async Task Carol_approves_through_an_approver_group_claiming_exactly_that_group()
    {
        var role = await CreateRoleAsync(b => b.Approvers = new Approvers { Users = ["dave"], Groups = ["ir-approvers", "incident-commanders"] });
        var name = await RequestedAsync();

        var result = await _cli.GrantAsync("carol", "-n", Ns, "approve", name);

        result.ExitCode.Should().Be(0, result.ToString());
        var grant = await GetAsync(name);
        grant.Metadata.Annotations.Should().Contain("approval.iroperator.io/carol", "carol|ir-approvers");
        var tally = ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, role.Spec.BreakGlass!, null, DateTimeOffset.UtcNow);
        tally.Counted.Should().ContainSingle().Which.Groups.Should().Equal("ir-approvers");
    }

    [Fact]
    public async Task Alice_cannot_approve_her_own_grant_and_is_told_whom_to_ask()
    {
        await CreateRoleAsync();
        var name = await RequestedAsync();

        var result = await _cli.GrantAsync("alice", "-n", Ns, "approve", name);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"you (alice) requested grant {Ns}/{name} and cannot approve it yourself")
            .And.Contain($"iroperator grant approve -n {Ns} {name}");
        (await GetAsync(name)).Metadata.Annotations.Should().BeNull("nothing was written");
    }

    [Fact]
    public async Task Someone_who_is_not_an_approver_of_the_role_is_refused_with_the_roles_approvers()
    {
        await CreateRoleAsync(b => b.Approvers = new Approvers { Users = ["bob"], Groups = ["incident-commanders"] });
        var name = await RequestedAsync();

        var result = await _cli.GrantAsync("carol", "-n", Ns, "approve", name);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("you, carol (groups: ir-approvers, system:authenticated), are not an approver of ResponderRole")
            .And.Contain("its breakGlass.approvers are users bob; groups incident-commanders");
        (await GetAsync(name)).Metadata.Annotations.Should().BeNull();
    }

    [Fact]
    public async Task An_approval_the_api_server_refuses_is_explained()
    {
        await CreateRoleAsync();
        var name = await RequestedAsync();
        // An admission policy refusing this grant's approvals, answering as a ValidatingAdmissionPolicy with reason Forbidden does.
        _fixture.Emulator.AddAdmissionCheck(new RefuseUpdates(name,
            $"breakglassgrants.iroperator.io \"{name}\" is forbidden: ValidatingAdmissionPolicy 'grant-approvals' with binding 'grant-approvals' denied request: an approval must be your own user name bob"));

        var result = await _cli.GrantAsync("bob", "-n", Ns, "approve", name);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"you may not approve {Ns}/{name} as bob (403)")
            .And.Contain("denied request: an approval must be your own user name bob")
            .And.Contain("kubectl auth whoami");
    }

    [Fact]
    public async Task Bob_denies_with_a_reason_and_cannot_deny_an_open_grant()
    {
        await CreateRoleAsync();
        var pending = await RequestedAsync();
        var open = await RequestedAsync();
        await WriteStatusAsync(open, Active());

        var denied = await _cli.GrantAsync("bob", "-n", Ns, "deny", pending, "--reason", "not this incident");
        var tooLate = await _cli.GrantAsync("bob", "-n", Ns, "deny", open, "--reason", "too late");

        denied.ExitCode.Should().Be(0, denied.ToString());
        var annotations = (await GetAsync(pending)).Metadata.Annotations;
        annotations.Should().Contain("denial.iroperator.io/bob", "bob").And.Contain("denial-reason.iroperator.io/bob", "not this incident");
        tooLate.ExitCode.Should().Be(1);
        tooLate.Error.Should().Contain("is already open (Active)").And.Contain($"iroperator grant revoke -n {Ns} {open} --reason");
    }

    [Fact]
    public async Task Carol_revokes_and_an_ended_grant_cannot_be_revoked_or_approved()
    {
        await CreateRoleAsync();
        var active = await RequestedAsync();
        var expired = await RequestedAsync();
        await WriteStatusAsync(active, Active());
        await WriteStatusAsync(expired, new JsonObject { ["phase"] = "Expired", ["endedAt"] = "2026-11-30T00:46:18Z" });

        var revoked = await _cli.GrantAsync("carol", "-n", Ns, "revoke", active, "--reason", "contained");
        var revokeEnded = await _cli.GrantAsync("carol", "-n", Ns, "revoke", expired, "--reason", "contained");
        var approveEnded = await _cli.GrantAsync("bob", "-n", Ns, "approve", expired);

        revoked.ExitCode.Should().Be(0, revoked.ToString());
        (await GetAsync(active)).Metadata.Annotations.Should().Contain(IrOperatorApi.RevokeAnnotation, "contained");
        revokeEnded.ExitCode.Should().Be(1);
        revokeEnded.Error.Should().Contain($"grant {Ns}/{expired} has already ended: Expired at 2026-11-30T00:46:18Z; there is nothing to revoke");
        approveEnded.ExitCode.Should().Be(1);
        approveEnded.Error.Should().Contain("has already ended: Expired").And.Contain("Access needs a new grant");
        (await GetAsync(expired)).Metadata.Annotations.Should().BeNull();
    }

    [Fact]
    public async Task List_prints_a_table_json_and_yaml_that_parse()
    {
        await CreateRoleAsync();
        var name = await RequestedAsync();
        await WriteStatusAsync(name, Active());

        var table = await _cli.GrantAsync("alice", "-n", Ns, "list");
        var json = await _cli.GrantAsync("alice", "-n", Ns, "list", "-o", "json");
        var yaml = await _cli.GrantAsync("bob", "list", "-n", Ns, "--output", "yaml");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Output.Should().StartWith("NAME").And.Contain("PHASE").And.Contain("APPROVALS");
        table.Output.Split('\n').Should().Contain(l => l.StartsWith(name + " ", StringComparison.Ordinal) && l.Contains("Active") && l.Contains("1 (bob)") && l.Contains(" left)"));
        json.ExitCode.Should().Be(0);
        var items = JsonNode.Parse(json.Output)!["items"]!.AsArray();
        items.Should().Contain(i => i!["metadata"]!["name"]!.GetValue<string>() == name && i["status"]!["phase"]!.GetValue<string>() == "Active");
        yaml.ExitCode.Should().Be(0);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml.Output));
        var yamlItems = (YamlSequenceNode)((YamlMappingNode)stream.Documents.Single().RootNode)["items"];
        var mine = yamlItems.Cast<YamlMappingNode>().Single(i => ((YamlScalarNode)((YamlMappingNode)i["metadata"])["name"]).Value == name);
        var account = (YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)mine["spec"])["accounts"]).Children[0];
        account.Value.Should().Be("333333333333");
        account.Style.Should().Be(YamlDotNet.Core.ScalarStyle.DoubleQuoted, "an account id must stay a string for YAML readers");
    }

    [Fact]
    public async Task Show_prints_phase_approvals_time_left_and_the_assume_role_commands_and_parses_as_json_and_yaml()
    {
        await CreateRoleAsync();
        var name = await RequestedAsync();
        await WriteStatusAsync(name, Active());

        var table = await _cli.GrantAsync("alice", "-n", Ns, "show", name);
        var json = await _cli.GrantAsync("alice", "-n", Ns, "show", name, "-o", "json");
        var yaml = await _cli.GrantAsync("alice", "-n", Ns, "show", name, "-o", "yaml");
        var missing = await _cli.GrantAsync("alice", "-n", Ns, "show", "no-such-grant");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Output.Should().Contain("Phase:").And.Contain("Active")
            .And.MatchRegex(@"Expires at:\s+\S+Z \((59m\d+s|1h0m0s|1h) left\)")
            .And.MatchRegex(@"Approvals:\s+bob at \d{4}-")
            .And.Contain("    aws sts assume-role --role-arn arn:aws:iam::333333333333:role/incident-response/ir-x --role-session-name alice --source-identity alice");
        JsonNode.Parse(json.Output)!["status"]!["accounts"]![0]!["assumeRoleCommand"]!.GetValue<string>().Should().StartWith("aws sts assume-role");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml.Output));
        ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["status"])["phase"]).Value.Should().Be("Active");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain($"no BreakGlassGrant \"no-such-grant\" in namespace {Ns}");
    }

    [Fact]
    public async Task Wait_shows_progress_until_active_and_prints_the_commands()
    {
        await CreateRoleAsync();
        var name = await RequestedAsync();

        var waiting = _cli.GrantAsync("alice", "-n", Ns, "wait", name, "--timeout", "30s", "--interval", "1s");
        await WriteStatusAsync(name, new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(Condition("Approved", "False", "AwaitingApproval", "0 of 1 approvals")),
        });
        await WriteStatusAsync(name, Active(accountState: "Written"));
        await WriteStatusAsync(name, Active());
        var result = await waiting;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain($"{Ns}/{name} is Active until").And.Contain("  aws sts assume-role --role-arn");
        result.Output.Should().MatchRegex(@"\d\d:\d\d:\d\d  Active - Activated: open in 1 account \[333333333333 Active\]");
    }

    [Fact]
    public async Task Wait_stops_with_the_reason_when_denied_and_times_out_on_a_pending_grant()
    {
        await CreateRoleAsync();
        var denied = await RequestedAsync();
        var pending = await RequestedAsync();
        await WriteStatusAsync(denied, new JsonObject
        {
            ["phase"] = "Denied",
            ["endedAt"] = "2026-11-30T00:40:00Z",
            ["conditions"] = new JsonArray(Condition("Approved", "False", "Denied", "denied by bob")),
        });
        await WriteStatusAsync(pending, new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(Condition("Approved", "False", "AwaitingApproval", "0 of 1 approvals")),
        });

        var deniedResult = await _cli.GrantAsync("alice", "-n", Ns, "wait", denied, "--timeout", "30s");
        var timedOut = await _cli.GrantAsync("alice", "-n", Ns, "wait", pending, "--timeout", "2s", "--interval", "1s");

        deniedResult.ExitCode.Should().Be(WaitVerb.Unreachable, deniedResult.ToString());
        deniedResult.Error.Should().Contain($"{Ns}/{denied} will not become Active: Denied at 2026-11-30T00:40:00Z (Denied: denied by bob)");
        timedOut.ExitCode.Should().Be(WaitVerb.TimedOut, timedOut.ToString());
        timedOut.Error.Should().Contain($"timed out after 2s waiting for {Ns}/{pending} to become Active; it is Pending - AwaitingApproval: 0 of 1 approvals");
        timedOut.Output.Should().Contain("Pending - AwaitingApproval: 0 of 1 approvals");
    }

    [Fact]
    public async Task The_kubectl_plugin_runs_the_same_verbs_and_prints_kubectl_commands()
    {
        await CreateRoleAsync();

        var requested = await _cli.PluginAsync("alice", "request", _role, "-n", Ns, "--duration", "15m", "--principal", Principal,
            "--incident", "INC-1", "--reason", "plugin", "--name", $"plugin-{_role}");
        var approved = await _cli.PluginAsync("bob", "approve", $"plugin-{_role}", "-n", Ns);
        var listed = await _cli.PluginAsync("bob", "list", "-n", Ns, "-o", "json");

        requested.ExitCode.Should().Be(0, requested.ToString());
        requested.Output.Should().Contain($"  kubectl breakglass approve -n {Ns} plugin-{_role}\n");
        approved.ExitCode.Should().Be(0, approved.ToString());
        JsonNode.Parse(listed.Output)!["items"]!.AsArray().Should().Contain(i => i!["metadata"]!["name"]!.GetValue<string>() == $"plugin-{_role}");
        (await GetAsync($"plugin-{_role}")).Metadata.Annotations.Should().Contain("approval.iroperator.io/bob", "bob");
    }

    [Fact]
    public async Task Without_a_namespace_flag_the_contexts_namespace_is_used()
    {
        // The emulator's kubeconfig contexts name namespace default, where no grants are and bob may not look.
        var admin = await _cli.GrantAsync("admin", "list");
        var bob = await _cli.GrantAsync("bob", "list");

        admin.ExitCode.Should().Be(0, admin.ToString());
        admin.Output.Should().Be("No grants found in namespace default.\n");
        bob.ExitCode.Should().Be(1);
        bob.Error.Should().Contain("you may not list BreakGlassGrants in namespace default (403)").And.Contain("Is namespace default the one the grants are in? Pass -n");
    }

    [Fact]
    public async Task A_missing_kubeconfig_or_context_is_a_clear_error()
    {
        var noFile = await GrantCliRunner.InvokeAsync(IrOperator.Cli.OperatorCli.Build(), ["grant", "list", "--kubeconfig", Path.Combine(_directory, "missing")]);
        var noContext = await _cli.GrantAsync("nobody", "list");

        noFile.ExitCode.Should().Be(1);
        noFile.Error.Should().Contain("no such file");
        noContext.ExitCode.Should().Be(1);
        noContext.Error.Should().StartWith("error: kubeconfig ").And.Contain("nobody");
    }

    private Task<GrantCliResult> RequestAsync(string user, string role, string duration = "30m", string accounts = "333333333333") =>
        _cli.GrantAsync(user, "-n", Ns, "request", role, "--accounts", accounts, "--duration", duration,
            "--principal", Principal, "--incident", "INC-4711", "--reason", "test");

    /// <summary>A grant alice requested through the CLI; its name.</summary>
    private async Task<string> RequestedAsync()
    {
        var result = await RequestAsync("alice", _role);
        result.ExitCode.Should().Be(0, result.ToString());
        return NameFrom(result.Output);
    }

    private static string NameFrom(string output)
    {
        var first = output.Split('\n')[0];
        first.Should().StartWith($"Requested {Ns}/");
        return first[$"Requested {Ns}/".Length..first.IndexOf(':', StringComparison.Ordinal)];
    }

    private async Task<ResponderRole> CreateRoleAsync(Action<BreakGlassSpec>? configure = null)
    {
        var role = Roles.New(_role, Roles.Prod, Roles.Dev);
        role.Spec.Trust = null;
        role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob", "carol"], Groups = ["incident-commanders"] }, MaxGrantDuration = "4h" };
        configure?.Invoke(role.Spec.BreakGlass);
        var created = await _fixture.Admin.CustomObjects.CreateClusterCustomObjectAsync<ResponderRole>(role, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
        // The accounts the operator would have resolved.
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["accounts"] = new JsonArray(
                    new JsonObject { ["accountId"] = Roles.Prod, ["state"] = "Ready" },
                    new JsonObject { ["accountId"] = Roles.Dev, ["state"] = "Ready" }),
            },
        };
        return await _fixture.Admin.CustomObjects.PatchClusterCustomObjectStatusAsync<ResponderRole>(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch),
            IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, created.Metadata.Name);
    }

    private Task<BreakGlassGrant> GetAsync(string name) =>
        _fixture.Admin.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, Ns, IrOperatorApi.BreakGlassGrantPlural, name);

    private async Task<IReadOnlyList<BreakGlassGrant>> ListAsync()
    {
        var list = await _fixture.Admin.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(IrOperatorApi.Group, IrOperatorApi.Version, Ns, IrOperatorApi.BreakGlassGrantPlural);
        return [.. list["items"]!.AsArray().Select(i => KubernetesJson.Deserialize<BreakGlassGrant>(i!.ToJsonString()))];
    }

    /// <summary>Writes status as the operator would (admin; the status subresource).</summary>
    private Task WriteStatusAsync(string name, JsonObject status) =>
        _fixture.Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            IrOperatorApi.Group, IrOperatorApi.Version, Ns, IrOperatorApi.BreakGlassGrantPlural, name);

    private static JsonObject Active(string accountState = "Active")
    {
        var now = DateTimeOffset.UtcNow;
        var activated = now.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var expires = now.AddSeconds(-1).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var active = accountState == "Active";
        return new JsonObject
        {
            ["phase"] = active ? "Active" : "Approved",
            ["sourceIdentity"] = "alice",
            ["approvals"] = new JsonArray(new JsonObject { ["by"] = "bob", ["at"] = activated }),
            ["activatedAt"] = activated,
            ["expiresAt"] = expires,
            ["accounts"] = new JsonArray(new JsonObject
            {
                ["accountId"] = "333333333333",
                ["roleArn"] = "arn:aws:iam::333333333333:role/incident-response/ir-x",
                ["state"] = accountState,
                ["assumeRoleCommand"] = "aws sts assume-role --role-arn arn:aws:iam::333333333333:role/incident-response/ir-x --role-session-name alice --source-identity alice",
            }),
            ["conditions"] = new JsonArray(
                Condition("Approved", "True", "Approved", "approved by bob"),
                active ? Condition("Active", "True", "Activated", "open in 1 account") : Condition("Active", "False", "Activating", "opening in 1 account")),
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message, ["lastTransitionTime"] = "2026-11-30T00:40:00Z",
    };

    /// <summary>Refuses updates of one grant with 403, as a ValidatingAdmissionPolicy whose validation has reason Forbidden does.</summary>
    private sealed class RefuseUpdates(string name, string message) : IAdmissionCheck
    {
        public void Admit(AdmissionRequest request)
        {
            if (request.Operation == "UPDATE" && request.Name == name && request.Subresource is null)
            {
                throw new KubeApiException(StatusObjects.Failure(403, "Forbidden", message));
            }
        }
    }
}
