using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IrOperator.Aws.Errors;
using IrOperator.Aws.Inventory;
using IrOperator.Controllers;
using IrOperator.Controllers.Grants;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Hosting;
using IrOperator.Iam.Desired;
using IrOperator.Kube;
using IrOperator.Resources;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Controllers.ResponderRoles;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Serilog;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// Both controllers on one set of shared informers, against both emulators (IAM's consistency delay on), the
/// AWS side checked as the responder through STS and IAM: the break-glass path end to end. The role's end, IAM
/// refusals, restarts and leader changes are in the other part of this class.
/// </summary>
public sealed partial class GrantEndToEndTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>, IAsyncLifetime
{
    private const string Responders = "222222222222";
    private const string Prod = "333333333333";
    private readonly string _ns = $"e2e-{Guid.NewGuid():N}"[..16];
    private readonly string _roleName = $"bg-{Guid.NewGuid():N}"[..14];
    private readonly ListSink _sink = new();

    private Operator? _running;

    public async Task InitializeAsync()
    {
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        _running = StartOperator();
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }
    }

    /// <summary>A fresh operator process: its own informers, ledger, locks and memory; both controllers.</summary>
    private Operator StartOperator(ResponderRoleOptions? options = null)
    {
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_sink).CreateLogger();
        var time = TimeProvider.System;
        var client = fixture.Admin;
        var context = new OperatorContext(client, time, new StatusWriter(client, log), new Finalizers(client, log),
            new EventRecorder(client, time, "iroperator", "e2e", log), new ControllerOptions { Workers = 2 }, log);
        var inventory = new AccountInventory(fixture.Stack.Organizations, new AccountInventoryOptions { RefreshInterval = TimeSpan.FromSeconds(1) }, time, log);
        var ledger = new GrantAccessLedger();
        var roles = ResponderRoleController.Create(context, inventory, fixture.Stack.Factory, new RoleApplyLocks(), new RoleWriteMemory(), options ?? ResponderRoleFixture.FastOptions(), ledger);
        // Approvals here are written by admin in the approvers' names: the operator's own checks, without the admission
        // policy (its fail-closed check is ApprovalPolicyGuardTests', the policy itself ShippedApprovalPolicyTests').
        var grants = GrantController.Create(context, inventory, ledger, new GrantOptions { RequireApprovalPolicy = false });
        return new Operator([roles, grants], inventory);
    }

    private sealed class Operator : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly IReadOnlyList<IController> _controllers;
        private readonly AccountInventory _inventory;
        private readonly List<Task> _runs;

        public Operator(IReadOnlyList<IController> controllers, AccountInventory inventory)
        {
            _controllers = controllers;
            _inventory = inventory;
            _runs = [.. controllers.Select(c => c.RunAsync(_stop.Token))];
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
                await Task.WhenAll(_runs).WaitAsync(ResponderRoleFixture.Deadline);
                foreach (var c in _controllers)
                {
                    (c as IDisposable)?.Dispose();
                }
                _inventory.Dispose();
            }
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task Approve_use_and_revoke_with_aws_enforcing_each_step()
    {
        await CreateRoleAsync();

        await CreateGrantAsync("alice-1", "alice");
        await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Pending);
        await AnnotateAsync("alice-1", "approval.iroperator.io/alice", "alice");
        var stillPending = await StatusAsync("alice-1", g => g.Status?.Conditions?.Any(c => c.Type == GrantConditions.Approved) == true);
        stillPending.Status!.Phase.Should().Be(GrantPhase.Pending, "self-approval is ignored");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied", "nothing is open before approval");

        await AnnotateAsync("alice-1", "approval.iroperator.io/bob", "bob");
        var active = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Active);
        active.Status!.Accounts!.Single().State.Should().Be(GrantAccountState.Active);
        active.Status.Accounts!.Single().AssumeRoleCommand.Should().Contain($"--role-arn {RoleArn}").And.EndWith("--source-identity alice");

        // Active means IAM shows it: the responder gets in at once, with the source identity only.
        var session = await AssumeAsync("alice", "alice");
        (await RefusedAsync("alice", null)).Should().Be("AccessDenied");
        (await RefusedAsync("bob", "bob")).Should().Be("AccessDenied", "bob is not the grant's principal");
        (await SessionWorksAsync(session)).Should().BeTrue();

        await AnnotateAsync("alice-1", IrOperatorApi.RevokeAnnotation, "contained");
        var revoked = await StatusAsync("alice-1", g => g.Status?.Phase == GrantPhase.Revoked && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        revoked.Status!.EndedAt.Should().NotBeNull();
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), ResponderRoleFixture.Deadline, () => "alice's session still works after the revoke");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        var reasons = (await fixture.Admin.CoreV1.ListNamespacedEventAsync(_ns)).Items.Where(e => e.InvolvedObject.Name == "alice-1").Select(e => e.Reason).ToList();
        reasons.Should().Contain([GrantReasons.Requested, GrantReasons.ApprovalIgnored, GrantReasons.Approved, GrantReasons.Activated, GrantReasons.Revoked]);
    }

    [Fact]
    public async Task Expiry_is_enforced_by_aws_with_the_operator_stopped_and_tidied_at_start_up()
    {
        await CreateRoleAsync();
        await CreateGrantAsync("alice-short", "alice", duration: "1m");
        await AnnotateAsync("alice-short", "approval.iroperator.io/bob", "bob");
        var active = await StatusAsync("alice-short", g => g.Status?.Phase == GrantPhase.Active);
        var session = await AssumeAsync("alice", "alice");
        (await SessionWorksAsync(session)).Should().BeTrue();

        await _running!.DisposeAsync();
        _running = null;
        var expires = new DateTimeOffset(DateTime.SpecifyKind(active.Status!.ExpiresAt!.Value, DateTimeKind.Utc));
        // Nothing runs now: the trust condition and the end-of-access deny end the access at expiresAt.
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), TimeSpan.FromSeconds(90), () => "the session outlived the grant");
        DateTimeOffset.UtcNow.Should().BeOnOrAfter(expires, "the session worked until the end");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        // AWS cuts access in the second of expiresAt; the operator stays down a little longer, so that it notices late.
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expires.AddSeconds(2), TimeSpan.FromSeconds(10));

        _running = StartOperator();
        var expired = await StatusAsync("alice-short", g => g.Status?.Phase == GrantPhase.Expired && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        expired.Status!.EndedAt.Should().Be(active.Status.ExpiresAt, "it ended when AWS ended it, not when the operator noticed");
        Conditions.Find(expired.Status.Conditions, GrantConditions.Active)!.Message.Should().Contain("later");
    }

    [Fact]
    public async Task Two_person_rule_non_approvers_denial_and_principals_outside_the_allowed_list()
    {
        await CreateRoleAsync(b =>
        {
            b.Approvers = new Approvers { Users = ["bob", "carol"] };
            b.MinApprovals = 2;
            b.AllowedPrincipals = [$"arn:aws:iam::{Responders}:user/alice"];
        });

        await CreateGrantAsync("bob-1", "bob");
        var outside = await StatusAsync("bob-1", g => g.Status?.Phase == GrantPhase.Denied);
        Conditions.Find(outside.Status!.Conditions, GrantConditions.Approved)!.Message.Should().StartWith("spec.principalArn:");

        await CreateGrantAsync("alice-2p", "alice");
        await AnnotateAsync("alice-2p", "approval.iroperator.io/mallory", "mallory");
        await AnnotateAsync("alice-2p", "approval.iroperator.io/bob", "bob");
        var one = await StatusAsync("alice-2p", g => g.Status?.Approvals?.Count == 1);
        one.Status!.Phase.Should().Be(GrantPhase.Pending, "one of two approvals; mallory's does not count");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
        await AnnotateAsync("alice-2p", "approval.iroperator.io/carol", "carol");
        await StatusAsync("alice-2p", g => g.Status?.Phase == GrantPhase.Active);
        (await SessionWorksAsync(await AssumeAsync("alice", "alice"))).Should().BeTrue();

        await CreateGrantAsync("alice-denied", "alice");
        await AnnotateAsync("alice-denied", "denial.iroperator.io/carol", "carol");
        var denied = await StatusAsync("alice-denied", g => g.Status?.Phase == GrantPhase.Denied);
        denied.Status!.ActivatedAt.Should().BeNull();
    }

    [Fact]
    public async Task Two_grants_approved_at_once_both_land_and_revoking_one_leaves_the_other()
    {
        await CreateRoleAsync(b => b.Approvers = new Approvers { Users = ["bob", "carol"] });
        await CreateGrantAsync("alice-a", "alice");
        await CreateGrantAsync("bob-b", "bob");
        // Approved at the same moment: both statements must land in the one trust policy.
        await Task.WhenAll(AnnotateAsync("alice-a", "approval.iroperator.io/carol", "carol"), AnnotateAsync("bob-b", "approval.iroperator.io/carol", "carol"));
        await StatusAsync("alice-a", g => g.Status?.Phase == GrantPhase.Active);
        await StatusAsync("bob-b", g => g.Status?.Phase == GrantPhase.Active);
        var alice = await AssumeAsync("alice", "alice");
        var bob = await AssumeAsync("bob", "bob");

        await AnnotateAsync("alice-a", IrOperatorApi.RevokeAnnotation, "done");
        await StatusAsync("alice-a", g => g.Status?.Phase == GrantPhase.Revoked && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(alice), ResponderRoleFixture.Deadline, () => "alice's session still works");
        (await SessionWorksAsync(bob)).Should().BeTrue("bob's grant and session are untouched");
        (await SessionWorksAsync(await AssumeAsync("bob", "bob"))).Should().BeTrue();
        (await fixture.GetAsync(_roleName))!.Status!.Conditions!.Single(c => c.Type == "Ready").Status.Should().Be("True");
    }

    [Fact]
    public async Task A_grant_the_trust_policy_has_no_room_for_fails_and_the_open_grants_stay_open()
    {
        await CreateRoleAsync();
        var names = Enumerable.Range(0, 8).Select(i => $"alice-full-{i}").ToList();
        var open = new List<string>();
        string? failed = null;
        foreach (var name in names)
        {
            await CreateGrantAsync(name, "alice");
            await AnnotateAsync(name, "approval.iroperator.io/bob", "bob");
            var grant = await StatusAsync(name, g => g.Status?.Phase is GrantPhase.Active or GrantPhase.Failed);
            if (grant.Status!.Phase == GrantPhase.Failed)
            {
                failed = name;
                Conditions.Find(grant.Status.Conditions, GrantConditions.Active)!.Message.Should().Contain("no room for this grant").And.Contain("over the quota of 2048");
                break;
            }
            open.Add(name);
        }
        failed.Should().NotBeNull("eight grant statements do not fit IAM's default 2,048 characters");
        open.Should().NotBeEmpty();
        foreach (var name in open)
        {
            (await StatusAsync(name, _ => true)).Status!.Phase.Should().Be(GrantPhase.Active, "a grant that does not fit disturbs no other");
        }
        (await SessionWorksAsync(await AssumeAsync("alice", "alice"))).Should().BeTrue();
    }

    [Fact]
    public async Task Throttled_IAM_during_activation_and_expiry_still_opens_and_closes_the_window()
    {
        await CreateRoleAsync();
        await CreateGrantAsync("alice-throttled", "alice", duration: "1m");
        await StatusAsync("alice-throttled", g => g.Status?.Phase == GrantPhase.Pending);
        var injected = fixture.Aws.Faults.Injected;
        // IAM only: the responder's STS calls below must meet the policy, not the fault.
        fixture.Aws.Faults.Services = new HashSet<string> { "iam" };
        fixture.Aws.Faults.ThrottleRate = 0.4;
        fixture.Aws.Faults.FailNext(2);
        try
        {
            await AnnotateAsync("alice-throttled", "approval.iroperator.io/bob", "bob");
            var active = await StatusAsync("alice-throttled", g => g.Status?.Phase == GrantPhase.Active);
            fixture.Aws.Faults.Injected.Should().BeGreaterThanOrEqualTo(injected + 2, "the activation met throttling");
            (await RefusedAsync("alice", null)).Should().Be("AccessDenied");
            var session = await AssumeAsync("alice", "alice");

            // From a few seconds before the expiry IAM refuses every call: AWS ends the access by the conditions
            // alone, and the operator keeps retrying the removal. (Not longer: the role's retries back off.)
            var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(active.Status!.ExpiresAt!.Value, DateTimeKind.Utc));
            await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expiresAt - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1) + ResponderRoleFixture.Deadline);
            fixture.Aws.Faults.ThrottleRate = 1;
            var expired = await StatusAsync("alice-throttled", g => g.Status?.Phase == GrantPhase.Expired);
            expired.Status!.EndedAt.Should().Be(active.Status.ExpiresAt);
            expired.Status.Accounts!.Single().State.Should().NotBe(GrantAccountState.Removed, "IAM took no write since before the expiry");
            (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
            var atExpiry = fixture.Aws.Faults.Injected;
            await Eventually.HoldsAsync(() => fixture.Aws.Faults.Injected > atExpiry, ResponderRoleFixture.Deadline, () => "the operator made no IAM call after the expiry");

            fixture.Aws.Faults.ThrottleRate = 0.4;
            await StatusAsync("alice-throttled", g => g.Status?.Accounts?.Single().State == GrantAccountState.Removed);
            fixture.Aws.Faults.ThrottleRate = 0;
            (await SessionWorksAsync(session)).Should().BeFalse("the end-of-access deny cuts the session issued inside the window");
            (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");
            var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null);
            iam!.Role.AssumeRolePolicyDocument.Should().NotContain("IrGrant", "the grant's trust statement is gone");
        }
        finally
        {
            fixture.Aws.Faults.Reset();
            fixture.Aws.Faults.ConsistencyDelay = ResponderRoleFixture.ConsistencyDelay;
        }
    }

    [Fact]
    public async Task Deleting_an_active_grant_removes_its_statement_and_holds_the_object_for_the_roles_max_session()
    {
        await CreateRoleAsync();
        await OpenGrantAsync("alice-deleted", "alice", approver: "bob");
        var session = await AssumeAsync("alice", "alice");

        await fixture.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural, "alice-deleted");
        var held = await StatusAsync("alice-deleted", g => g.Status?.Phase == GrantPhase.Revoked && g.Status.Accounts?.Single().State == GrantAccountState.Removed);
        await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null && !r.Role.AssumeRolePolicyDocument.Contains("IrGrant", StringComparison.Ordinal));
        await Eventually.HoldsAsync(async () => !await SessionWorksAsync(session), ResponderRoleFixture.Deadline, () => "alice's session still works after the delete");
        (await RefusedAsync("alice", "alice")).Should().Be("AccessDenied");

        // The role's maxSessionDuration is 1h (IAM's minimum): the object, and with it the end-of-access deny,
        // stays until then (docs/grants.md, the grant controller).
        held.Metadata.DeletionTimestamp.Should().NotBeNull();
        var again = await StatusAsync("alice-deleted", g => g.Metadata.DeletionTimestamp is not null);
        again.Metadata.Finalizers.Should().Contain(IrOperatorApi.Finalizer);
        var iam = await fixture.IamAsync(Prod, $"ir-{_roleName}", r => r is not null);
        iam!.InlinePolicies.Should().ContainKey(EndOfAccessPolicy.Name, "the end-of-access deny stays while the object is held");
        iam.InlinePolicies[EndOfAccessPolicy.Name].ToJsonString().Should().Contain("alice");
    }

    private async Task CreateRoleAsync(Action<BreakGlassSpec>? configure = null, Action<ResponderRoleSpec>? spec = null)
    {
        var role = Roles.New(_roleName, Prod);
        spec?.Invoke(role.Spec);
        role.Spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob"] }, MaxGrantDuration = "1h" };
        configure?.Invoke(role.Spec.BreakGlass);
        role.Spec.Trust = null;
        role.Spec.InlinePolicies = new Dictionary<string, JsonObject>
        {
            ["read"] = (JsonObject)JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""")!,
        };
        await fixture.CreateAsync(role);
        await fixture.StatusAsync(_roleName, r => r.Status?.Accounts?.Any(a => a.AccountId == Prod && a.State == RoleAccountState.Ready) == true);
    }

    private string RoleArn => $"arn:aws:iam::{Prod}:role/incident-response/ir-{_roleName}";

    private async Task CreateGrantAsync(string name, string requester, string duration = "30m")
    {
        var grant = new BreakGlassGrant
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _ns },
            Spec = new BreakGlassGrantSpec
            {
                Role = _roleName, PrincipalArn = $"arn:aws:iam::{Responders}:user/{requester}", RequestedBy = requester,
                Accounts = [Prod], Duration = duration, Incident = "INC-1", Reason = "end-to-end test",
            },
        };
        await fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(grant, IrOperatorApi.Group, IrOperatorApi.Version, _ns, IrOperatorApi.BreakGlassGrantPlural);
    }

    /// <summary>Requests a grant as <paramref name="requester"/>, approves it as <paramref name="approver"/> and waits until it is Active.</summary>
    private async Task<BreakGlassGrant> OpenGrantAsync(string name, string requester, string approver)
    {
        await CreateGrantAsync(name, requester);
        await AnnotateAsync(name, $"approval.iroperator.io/{approver}", approver);
        return await StatusAsync(name, g => g.Status?.Phase == GrantPhase.Active);
    }

    private Task AnnotateAsync(string name, string key, string value) => GrantApi.AnnotateAsync(fixture.Admin, _ns, name, key, value);

    private Task<BreakGlassGrant> StatusAsync(string name, Func<BreakGlassGrant, bool> condition, TimeSpan? within = null) =>
        GrantApi.WaitForAsync(fixture.Admin, _ns, name, condition, within ?? ResponderRoleFixture.Deadline);

    private async Task<Credentials> AssumeAsync(string user, string? sourceIdentity)
    {
        using var sts = AwsEmulatorFixture.StsClient(fixture.Aws.Endpoint, fixture.Aws.CredentialsOf(Responders, user));
        return (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = user, SourceIdentity = sourceIdentity })).Credentials;
    }

    private async Task<string> RefusedAsync(string user, string? sourceIdentity)
    {
        var act = () => AssumeAsync(user, sourceIdentity);
        return (await act.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which.ErrorCode;
    }

    private async Task<bool> SessionWorksAsync(Credentials session)
    {
        var iam = fixture.Stack.Factory.Iam(Prod, new StaticCredentialSource(new ImmutableCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken)));
        try
        {
            await iam.GetRoleAsync($"ir-{_roleName}", CancellationToken.None);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode.StartsWith("AccessDenied", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
