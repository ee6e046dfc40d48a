using IrOperator.Controllers.ResponderRoles;
using IrOperator.Kube;
using IrOperator.Resources;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Controllers.ResponderRoles;

public sealed class ResponderRoleStatusProjectionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void All_accounts_in_line_is_Ready_with_the_generation_and_nothing_progressing()
    {
        var status = Project(null, 4, Ready("111111111111"), Ready("222222222222"));

        status.AccountsReady.Should().Be("2/2");
        status.ObservedGeneration.Should().Be(4);
        Condition(status, "Ready").Should().Be((Conditions.True, "AllAccountsReady", 4L));
        Condition(status, "Progressing").Should().Be((Conditions.False, "Reconciled", 4L));
        Condition(status, "Degraded").Should().Be((Conditions.False, "NoFailures", 4L));
    }

    [Fact]
    public void A_failed_account_makes_the_role_not_ready_and_degraded_naming_it()
    {
        var failed = new AccountOutcome("222222222222", RoleAccountState.Error, null, "PutRolePolicy failed with MalformedPolicyDocument: bad") { Event = AccountEvent.AccountFailed, ErrorCode = "MalformedPolicyDocument" };

        var status = Project(null, 1, Ready("111111111111"), failed);

        status.AccountsReady.Should().Be("1/2");
        Condition(status, "Ready").Should().Be((Conditions.False, "AccountsFailed", 1L));
        status.Conditions!.Single(c => c.Type == "Degraded").Message.Should().Contain("222222222222").And.Contain("MalformedPolicyDocument");
    }

    [Fact]
    public void A_role_not_owned_is_reported_as_such()
    {
        var status = Project(null, 1, new AccountOutcome("111111111111", RoleAccountState.NotOwned, "arn", "not ours"));

        Condition(status, "Ready").Should().Be((Conditions.False, "NotOwned", 1L));
        Condition(status, "Degraded").Should().Be((Conditions.True, "NotOwned", 1L));
    }

    [Fact]
    public void Suspended_accounts_are_listed_but_neither_counted_nor_failed()
    {
        var status = Project(null, 1, Ready("111111111111"), new AccountOutcome("555555555555", RoleAccountState.Suspended, null, "account state is SUSPENDED, not ACTIVE"));

        status.AccountsReady.Should().Be("1/1");
        status.Accounts!.Select(a => a.State).Should().Equal(RoleAccountState.Ready, RoleAccountState.Suspended);
        Condition(status, "Ready").Status.Should().Be(Conditions.True);
    }

    [Fact]
    public void A_steady_state_projects_the_same_status_so_nothing_is_written()
    {
        var first = Project(null, 2, Ready("111111111111") with { SyncedAt = _time.GetUtcNow().UtcDateTime });
        _time.Advance(TimeSpan.FromMinutes(10));

        var second = Project(first, 2, Ready("111111111111"));

        k8s.KubernetesJson.Serialize(second).Should().Be(k8s.KubernetesJson.Serialize(first), "lastSyncTime and lastTransitionTime move only when something changed");
    }

    [Fact]
    public void Accounts_done_with_leave_the_status()
    {
        var before = Project(null, 1, Ready("111111111111"), Ready("222222222222"));

        var after = Project(before, 2, Ready("111111111111"), new AccountOutcome("222222222222", RoleAccountState.Deleting, null, "Deleted") { Removed = true, Event = AccountEvent.Deleted });

        after.Accounts!.Select(a => a.AccountId).Should().Equal("111111111111");
        after.AccountsReady.Should().Be("1/1");
    }

    [Fact]
    public void ActiveGrants_rides_on_the_role_status_and_is_kept_when_not_counted()
    {
        var counted = ResponderRoleStatusProjection.Project(null, [Ready("111111111111")], 1, 1, _time, activeGrants: 2);
        counted.ActiveGrants.Should().Be(2);
        ResponderRoleStatusProjection.Project(counted, [Ready("111111111111")], 1, 1, _time, activeGrants: 0).ActiveGrants.Should().Be(0);
        ResponderRoleStatusProjection.Project(counted, [Ready("111111111111")], 1, 1, _time).ActiveGrants.Should().Be(2, "no count given, the last one stays");
        ResponderRoleStatusProjection.Invalid(counted, [], 2, _time, activeGrants: 1).ActiveGrants.Should().Be(1);
    }

    private ResponderRoleStatus Project(ResponderRoleStatus? previous, long generation, params AccountOutcome[] outcomes) =>
        ResponderRoleStatusProjection.Project(previous, outcomes, outcomes.Count(o => o.State != RoleAccountState.Suspended && !o.Removed), generation, _time);

    private static AccountOutcome Ready(string account) => new(account, RoleAccountState.Ready, $"arn:aws:iam::{account}:role/incident-response/ir-x", "in line with the spec");

    private static (string Status, string Reason, long? Generation) Condition(ResponderRoleStatus status, string type)
    {
        var condition = status.Conditions!.Single(c => c.Type == type);
        return (condition.Status, condition.Reason, condition.ObservedGeneration);
    }
}
