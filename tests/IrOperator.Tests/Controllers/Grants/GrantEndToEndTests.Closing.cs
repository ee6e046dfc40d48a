using System.Text.Json.Nodes;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Iam.Desired;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.Controllers.ResponderRoles;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Models;
using Serilog;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// The grant's edges end to end: IAM refusing one grant's statement, the role going away under open grants,
/// status.activeGrants, a restart in the middle of activation, and a leader change just before expiry.
/// </summary>
public sealed partial class GrantEndToEndTests
{
    [Fact]
    public async Task An_IAM_refusal_fails_only_the_grant_whose_statement_caused_it()
    {
        await CreateRoleAsync(b => b.Approvers = new Approvers { Users = ["bob", "carol"] });
        await OpenGrantAsync("alice-ok", "alice", approver: "carol");
        var alice = await AssumeAsync("alice", "alice");
        var aliceSid = Sid(await StatusAsync("alice-ok", _ => true));

        // IAM refuses any trust policy naming these principals, as it refuses a principal it does not accept, or a
        // document over the account's own quota.
        fixture.Aws.Faults.RefuseTrustPoliciesContaining($"arn:aws:iam::{Responders}:user/mallory", AwsErrorCodes.MalformedPolicyDocument);
        fixture.Aws.Faults.RefuseTrustPoliciesContaining($"arn:aws:iam::{Responders}:user/trent", AwsErrorCodes.LimitExceeded);
        try
        {
            foreach (var (requester, code) in new[] { ("mallory", AwsErrorCodes.MalformedPolicyDocument), ("trent", AwsErrorCodes.LimitExceeded) })
            {
                var name = $"{requester}-refused";
                await CreateGrantAsync(name, requester);
                await AnnotateAsync(name, "approval.iroperator.io/bob", "bob");
                var failed = await StatusAsync(name, g => g.Status?.Phase == GrantPhase.Failed);
                Conditions.Find(failed.Status!.Conditions, GrantConditions.Active)!.Message.Should().Contain(code).And.Contain($"account {Prod}");
                var account = (await StatusAsync(name, g => GrantEvents.IsClean(g.Status!))).Status!.Accounts!.Single();
                account.State.Should().Be(GrantAccountState.Error, "IAM refused the grant there; nothing of it was written");
                account.Message.Should().Contain(code);
                var events = (await fixture.Admin.CoreV1.ListNamespacedEventAsync(_ns)).Items.Where(e => e.InvolvedObject.Name == name).ToList();
                events.Should().Contain(e => e.Reason == GrantReasons.Failed && e.Type == "Warning" && e.Message.Contains(code));
                _sink.Events.Should().Contain(e => e.Properties.ContainsKey("BreakGlass") && e.Properties["BreakGlass"].ToString().Contains("\"Failed\"")
                    && e.Properties["BreakGlass"].ToString().Contains(name));

                (await StatusAsync("alice-ok", _ => true)).Status!.Phase.Should().Be(GrantPhase.Active, "the other grant is untouched");
                (await SessionWorksAsync(alice)).Should().BeTrue();
            }

            // A grant approved after the refusals still lands next to the open one.
            var bobGrant = await OpenGrantAsync("bob-later", "bob", approver: "carol");
            (await SessionWorksAsync(await AssumeAsync("bob", "bob"))).Should().BeTrue();
            var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null && GrantSids(r).Count == 2);
            GrantSids(iam!).Should().BeEquivalentTo([aliceSid, Sid(bobGrant)]);
            (await fixture.GetAsync(_roleName))!.Status!.Conditions!.Single(c => c.Type == "Ready").Status.Should().Be("True", "the role itself is fine");
        }
        finally
        {
            fixture.Aws.Faults.Reset();
            fixture.Aws.Faults.ConsistencyDelay = ResponderRoleFixture.ConsistencyDelay;
        }
    }

    [Fact]
    public async Task Dropping_breakGlass_ends_the_open_grant_and_activeGrants_counts_it_out()
    {
        await CreateRoleAsync();
        await OpenGrantAsync("alice-dropped", "alice", approver: "bob");
        await fixture.StatusAsync(_roleName, r => r.Status?.ActiveGrants == 1);
        var session = await AssumeAsync("alice", "alice");

        await fixture.UpdateSpecAsync(_roleName, s =>
        {
            s.BreakGlass = null;
            s.Trust = new TrustSpec { Principals = [Roles.Analyst] };
        });
        var revoked = await StatusAsync("alice-dropped", g => g.Status?.Phase == GrantPhase.Revoked && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        var condition = Conditions.Find(revoked.Status!.Conditions, GrantConditions.Active)!;
        condition.Reason.Should().Be(GrantReasons.RoleNotBreakGlass);
        condition.Message.Should().Contain("no longer has a breakGlass section");
        await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null && GrantSids(r).Count == 0);
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), ResponderRoleFixture.Deadline, () => "the session outlived the grant");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        await fixture.StatusAsync(_roleName, r => r.Status?.ActiveGrants == 0);
        var events = (await fixture.Admin.CoreV1.ListNamespacedEventAsync(_ns)).Items.Where(e => e.InvolvedObject.Name == "alice-dropped").ToList();
        events.Should().Contain(e => e.Reason == GrantReasons.Revoked && e.Message.Contains("breakGlass"));
    }

    [Fact]
    public async Task Deleting_the_role_ends_its_grants_and_a_retained_role_opens_nothing()
    {
        await CreateRoleAsync(spec: s => s.DeletionPolicy = DeletionPolicy.Retain);
        await OpenGrantAsync("alice-orphaned", "alice", approver: "bob");
        var session = await AssumeAsync("alice", "alice");

        await fixture.DeleteAsync(_roleName);
        await Eventually.HoldsAsync(async () => await fixture.GetAsync(_roleName) is null, ResponderRoleFixture.Deadline);
        // The role is gone, and with it the need to hold the grant for the end-of-access deny: the finalizer goes.
        var ended = await StatusAsync("alice-orphaned", g => g.Status?.Phase == GrantPhase.Revoked && g.Metadata.Finalizers is null or { Count: 0 });
        Conditions.Find(ended.Status!.Conditions, GrantConditions.Active)!.Reason.Should().Be(GrantReasons.RoleDeleted);
        ended.Status!.Accounts!.Single().State.Should().Be(GrantAccountState.Removed);

        // The IAM role stays (Retain), without the grant's statement and with the requester's deny ending then.
        var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null && !r.Tags.ContainsKey(RoleOwner.ClusterTag));
        GrantSids(iam!).Should().BeEmpty("the role was written without the grant before it was let go");
        iam!.InlinePolicies.Should().ContainKey(EndOfAccessPolicy.Name);
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), ResponderRoleFixture.Deadline, () => "the session outlived the role");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        _sink.Events.Should().Contain(e => e.Properties.ContainsKey("BreakGlass") && e.Properties["BreakGlass"].ToString().Contains("\"Revoked\"")
            && e.Properties["BreakGlass"].ToString().Contains("alice-orphaned") && e.Properties["BreakGlass"].ToString().Contains("deleted; access ended"), "the audit line says why the grant ended");
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_activation_finishes_it_with_one_statement()
    {
        await CreateRoleAsync();
        // IAM shows a write only after 4 s: the grant is Written, not yet visible, when the operator stops. The
        // operator's propagation window is longer, as in production (IAM's delay is below the window).
        var slowIam = ResponderRoleFixture.FastOptions();
        slowIam.PropagationWindow = TimeSpan.FromSeconds(8);
        await _running!.DisposeAsync();
        _running = StartOperator(slowIam);
        fixture.Aws.Faults.ConsistencyDelay = TimeSpan.FromSeconds(4);
        try
        {
            await CreateGrantAsync("alice-restarted", "alice");
            await AnnotateAsync("alice-restarted", "approval.iroperator.io/bob", "bob");
            var written = await StatusAsync("alice-restarted", g => g.Status?.Accounts?.Single().State == GrantAccountState.Written);
            await _running.DisposeAsync();
            _running = null;
            written.Status!.Phase.Should().Be(GrantPhase.Approved, "written is not yet visible, so not yet Active");

            _running = StartOperator(slowIam);
            var active = await StatusAsync("alice-restarted", g => g.Status?.Phase == GrantPhase.Active);
            active.Status!.ActivatedAt.Should().Be(written.Status.ActivatedAt, "the window was fixed before the restart");
            var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null && GrantSids(r).Count > 0);
            GrantSids(iam!).Should().Equal([Sid(active)], "exactly one statement for the grant");
            (await SessionWorksAsync(await AssumeAsync("alice", "alice"))).Should().BeTrue();
        }
        finally
        {
            fixture.Aws.Faults.ConsistencyDelay = ResponderRoleFixture.ConsistencyDelay;
        }
    }

    [Fact]
    public async Task A_leader_change_just_before_expiry_still_expires_the_grant_on_time()
    {
        // Two replicas with leader election on the Kubernetes emulator's Lease, in place of the single operator.
        await _running!.DisposeAsync();
        _running = null;
        var lease = new LeaderElectionOptions
        {
            LeaseName = $"lease-{_ns}", LeaseNamespace = "default",
            LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        await using var first = StartReplica(lease with { Identity = "replica-a" });
        await Eventually.HoldsAsync(() => first.Election.IsLeader, ResponderRoleFixture.Deadline);
        await using var second = StartReplica(lease with { Identity = "replica-b" });

        await CreateRoleAsync();
        await CreateGrantAsync("alice-handover", "alice", duration: "1m");
        await AnnotateAsync("alice-handover", "approval.iroperator.io/bob", "bob");
        var active = await StatusAsync("alice-handover", g => g.Status?.Phase == GrantPhase.Active);
        var session = await AssumeAsync("alice", "alice");
        second.Election.IsLeader.Should().BeFalse("replica-a leads");
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(active.Status!.ExpiresAt!.Value, DateTimeKind.Utc));

        // Moments before the expiry the leader steps down (shutdown: drain, release the Lease); the standby takes over.
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expiresAt - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1) + ResponderRoleFixture.Deadline);
        await first.StopAsync();
        await Eventually.HoldsAsync(() => second.Election.IsLeader, ResponderRoleFixture.Deadline, () => "replica-b did not take over");

        var expired = await StatusAsync("alice-handover", g => g.Status?.Phase == GrantPhase.Expired && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        expired.Status!.EndedAt.Should().Be(active.Status.ExpiresAt);
        var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null);
        GrantSids(iam!).Should().BeEmpty("the statement is gone and none was written twice");
        (await SessionWorksAsync(session)).Should().BeFalse();
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        var reasons = (await fixture.Admin.CoreV1.ListNamespacedEventAsync(_ns)).Items.Where(e => e.InvolvedObject.Name == "alice-handover").Select(e => e.Reason).ToList();
        reasons.Count(r => r == GrantReasons.Expired).Should().Be(1, "one expiry, recorded once across the two leaders");
    }

    private static string Sid(BreakGlassGrant grant) => new GrantTrust(grant.Metadata.Uid, "arn:aws:iam::1:root", "x", default, default).Sid;

    /// <summary>The Sids of the grant statements in the role's trust policy, duplicates kept (one statement may come as an object).</summary>
    private static List<string> GrantSids(IamRoleState role) =>
        [.. (role.Trust["Statement"] switch
            {
                JsonArray many => [.. many],
                JsonObject one => [one],
                _ => new List<JsonNode?>(),
            })
            .Select(s => s?["Sid"]?.GetValue<string>() ?? "")
            .Where(sid => sid.StartsWith("IrGrant", StringComparison.Ordinal))];

    /// <summary>One replica of the operator: its own process-wide services, both controllers each term, under leader election.</summary>
    private Replica StartReplica(LeaderElectionOptions lease)
    {
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_sink).CreateLogger().ForContext("Replica", lease.Identity);
        var time = TimeProvider.System;
        var client = fixture.Admin;
        var context = new OperatorContext(client, time, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", lease.Identity, log), new ControllerOptions { Workers = 2 }, log);
        var inventory = new AccountInventory(fixture.Stack.Organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromSeconds(1) }, time, log);
        var ledger = new GrantAccessLedger();
        var locks = new RoleApplyLocks();
        var memory = new RoleWriteMemory();
        var registry = new ControllerRegistry()
            .Add(c => ResponderRoleController.Create(c, inventory, fixture.Stack.Factory, locks, memory, ResponderRoleFixture.FastOptions(), ledger))
            .Add(c => GrantController.Create(c, inventory, ledger, new GrantOptions { RequireApprovalPolicy = false }));
        var election = new LeaderElection(client, lease, log);
        var runtime = new OperatorRuntime(context, registry, election, TimeSpan.FromSeconds(10));
        return new Replica(election, runtime, inventory, ledger);
    }

    private sealed class Replica : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly AccountInventory _inventory;
        private readonly Task<RunOutcome> _run;

        public Replica(LeaderElection election, OperatorRuntime runtime, AccountInventory inventory, GrantAccessLedger ledger)
        {
            Election = election;
            Ledger = ledger;
            _inventory = inventory;
            _run = runtime.RunAsync(_stop.Token);
        }

        public LeaderElection Election { get; }

        public GrantAccessLedger Ledger { get; }

        /// <summary>A shutdown: the controllers drain while the Lease is renewed, then the Lease is handed back.</summary>
        public async Task StopAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
                (await _run.WaitAsync(ResponderRoleFixture.Deadline)).Should().Be(RunOutcome.Stopped);
                Ledger.Subscribers.Should().Be(0, "the grant controller's subscription ended with the term");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _inventory.Dispose();
            _stop.Dispose();
        }
    }
}
