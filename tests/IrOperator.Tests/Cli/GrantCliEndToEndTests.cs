using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Controllers.Grants;
using IrOperator.Tests.Controllers.ResponderRoles;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using Serilog;

namespace IrOperator.Tests.Cli;

/// <summary>
/// The CLI with the operator running (both controllers, both emulators, IAM's consistency delay on): alice
/// requests, cannot approve her own grant, bob approves, alice waits until Active and assumes the role with the
/// command `show` prints, carol revokes, and the grant ends.
/// </summary>
public sealed partial class GrantCliEndToEndTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>, IAsyncLifetime
{
    private const string Ns = "incident-response";
    private const string Prod = "333333333333";
    private readonly string _role = $"cli-{Guid.NewGuid():N}"[..12];
    private readonly string _directory = Directory.CreateTempSubdirectory("grant-cli-e2e-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];
    private readonly List<IController> _controllers = [];
    private AccountInventory? _inventory;

    public Task InitializeAsync()
    {
        // The chart's approval admission policy, as on a real install: approve must pass it, and the operator's
        // fail-closed check finds it.
        SandboxAdmission.Apply(fixture.Kube);
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(new ListSink()).CreateLogger();
        var time = TimeProvider.System;
        var client = fixture.Admin;
        var context = new OperatorContext(client, time, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", "cli-e2e", log), new ControllerOptions { Workers = 2 }, log);
        _inventory = new AccountInventory(fixture.Stack.Organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromSeconds(1) }, time, log);
        var ledger = new GrantAccessLedger();
        _controllers.Add(ResponderRoleController.Create(context, _inventory, fixture.Stack.Factory, new RoleApplyLocks(), new RoleWriteMemory(), ResponderRoleFixture.FastOptions(), ledger));
        _controllers.Add(GrantController.Create(context, _inventory, ledger, new GrantOptions()));
        _runs.AddRange(_controllers.Select(c => c.RunAsync(_stop.Token)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).WaitAsync(ResponderRoleFixture.Deadline);
        foreach (var c in _controllers)
        {
            (c as IDisposable)?.Dispose();
        }
        _inventory?.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Alice_requests_bob_approves_alice_uses_it_and_carol_revokes()
    {
        await CreateRoleAsync();
        var cli = new GrantCliRunner(fixture.Kube.WriteKubeconfig(Path.Combine(_directory, "kubeconfig")));

        var requested = await cli.GrantAsync("alice", "-n", Ns, "request", _role, "--accounts", Prod, "--duration", "10m",
            "--principal", "arn:aws:iam::222222222222:user/alice", "--incident", "INC-9", "--reason", "CLI end to end");
        requested.ExitCode.Should().Be(0, requested.ToString());
        var approve = requested.Output.Split('\n').Single(l => l.StartsWith("  iroperator grant approve ", StringComparison.Ordinal)).Trim();
        var name = approve.Split(' ')[^1];

        var selfApproval = await cli.GrantAsync("alice", approve.Split(' ')[2..]);
        selfApproval.ExitCode.Should().Be(1);
        selfApproval.Error.Should().Contain("you (alice) requested grant").And.Contain("cannot approve it yourself");

        // bob runs exactly the command alice sent him.
        var approved = await cli.GrantAsync("bob", approve.Split(' ')[2..]);
        approved.ExitCode.Should().Be(0, approved.ToString());

        var waited = await cli.GrantAsync("alice", "-n", Ns, "wait", name, "--timeout", "40s");
        waited.ExitCode.Should().Be(0, waited.ToString());
        waited.Output.Should().Contain($"{Ns}/{name} is Active until");

        var shown = await cli.GrantAsync("alice", "-n", Ns, "show", name);
        shown.Output.Should().MatchRegex(@"Approvals:\s+bob at ").And.MatchRegex(@"\((9m\d+s|10m) left\)");
        var command = shown.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("aws sts assume-role", StringComparison.Ordinal));
        command.Should().Be($"aws sts assume-role --role-arn arn:aws:iam::{Prod}:role/incident-response/ir-{_role} --role-session-name alice --source-identity alice");
        // The printed command works: the same request through STS, as alice.
        var arguments = AssumeRoleArguments().Matches(command).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        using (var sts = AwsEmulatorFixture.StsClient(fixture.Aws.Endpoint, fixture.Aws.CredentialsOf("222222222222", "alice")))
        {
            var session = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = arguments["role-arn"], RoleSessionName = arguments["role-session-name"], SourceIdentity = arguments["source-identity"],
            });
            session.AssumedRoleUser.Arn.Should().Be($"arn:aws:sts::{Prod}:assumed-role/ir-{_role}/alice");
        }

        var revoked = await cli.GrantAsync("carol", "-n", Ns, "revoke", name, "--reason", "contained");
        revoked.ExitCode.Should().Be(0, revoked.ToString());
        var ended = await cli.GrantAsync("alice", "-n", Ns, "wait", name, "--for", "Ended", "--timeout", "40s");
        ended.ExitCode.Should().Be(0, ended.ToString());
        ended.Output.Should().Contain("Revoked");
        var again = await cli.GrantAsync("bob", approve.Split(' ')[2..]);
        again.ExitCode.Should().Be(1);
        again.Error.Should().Contain("has already ended: Revoked");
    }

    [GeneratedRegex("--(?<name>[a-z-]+) (?<value>[^ ]+)")]
    private static partial Regex AssumeRoleArguments();

    private async Task CreateRoleAsync()
    {
        var role = Roles.New(_role, Prod);
        role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob", "carol"] }, MaxGrantDuration = "1h" };
        role.Spec.Trust = null;
        role.Spec.InlinePolicies = new Dictionary<string, JsonObject>
        {
            ["read"] = (JsonObject)JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""")!,
        };
        await fixture.CreateAsync(role);
        await fixture.StatusAsync(_role, r => r.Status?.Accounts?.Any(a => a.AccountId == Prod && a.State == RoleAccountState.Ready) == true);
    }
}
