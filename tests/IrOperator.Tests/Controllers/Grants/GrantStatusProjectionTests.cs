using IrOperator.Controllers.Grants;
using IrOperator.Kube;
using IrOperator.Resources;
using Microsoft.Extensions.Time.Testing;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>Status as a projection of the decision, and the access-log entries a status change stands for.</summary>
public sealed class GrantStatusProjectionTests
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private readonly FakeTimeProvider _clock = new(Start);

    private (BreakGlassGrantStatus Status, IReadOnlyList<GrantEvent> Events) Step(BreakGlassGrant grant, params AccountObservation[] seen)
    {
        var facts = Facts(grant, _clock.GetUtcNow(), accounts: Seen(seen));
        var decision = GrantLifecycle.Decide(facts);
        var status = GrantStatusProjection.Project(grant, facts, decision, Role(), "aws", _clock);
        var events = GrantEvents.Between(grant, grant.Status, status, facts.Approvals);
        grant.Status = status;
        return (status, events);
    }

    [Fact]
    public void An_ignored_approval_that_arrives_with_the_deciding_one_is_still_reported()
    {
        var grant = Grant();
        Step(grant);

        grant.Approve("mallory", "mallory").Approve("bob", "bob");
        var (approved, events) = Step(grant);

        approved.Phase.Should().Be(GrantPhase.Approved);
        events.Select(e => e.Reason).Should().BeEquivalentTo([GrantReasons.ApprovalIgnored, GrantReasons.Approved]);
        events.Single(e => e.Reason == GrantReasons.ApprovalIgnored).Message.Should().Contain("mallory");
        Step(grant).Events.Should().NotContain(e => e.Reason == GrantReasons.ApprovalIgnored, "reported once, when the wait ended");
    }

    [Fact]
    public void A_grant_through_its_life_records_each_step_once()
    {
        var grant = Grant();
        var (pending, requested) = Step(grant);
        pending.Phase.Should().Be(GrantPhase.Pending);
        pending.SourceIdentity.Should().Be("alice");
        pending.Accounts.Should().ContainSingle().Which.State.Should().Be(GrantAccountState.Pending);
        requested.Select(e => e.Reason).Should().Equal(GrantReasons.Requested);
        Step(grant).Events.Should().BeEmpty("nothing changed");

        _clock.Advance(TimeSpan.FromSeconds(30));
        grant.Approve("bob", "bob");
        var (approved, approvedEvents) = Step(grant);
        approved.Phase.Should().Be(GrantPhase.Approved);
        approved.Approvals.Should().ContainSingle().Which.By.Should().Be("bob");
        approved.ActivatedAt.Should().Be(Start.AddSeconds(30).UtcDateTime);
        approved.Accounts!.Single().AssumeRoleCommand.Should().Be(
            "aws sts assume-role --role-arn arn:aws:iam::333333333333:role/incident-response/ir-forensics --role-session-name alice --source-identity alice");
        approvedEvents.Select(e => e.Reason).Should().Equal(GrantReasons.Approved);
        Conditions.IsTrue(approved.Conditions, GrantConditions.Approved).Should().BeTrue();
        Conditions.IsTrue(approved.Conditions, GrantConditions.RoleChainingLimitsSessions).Should().BeTrue();

        var (written, _) = Step(grant, new AccountObservation(Prod, StatementState.Written));
        written.Accounts!.Single().State.Should().Be(GrantAccountState.Written);
        written.Phase.Should().Be(GrantPhase.Approved, "written is not visible");

        var (active, activated) = Step(grant, new AccountObservation(Prod, StatementState.Visible));
        active.Phase.Should().Be(GrantPhase.Active);
        active.Accounts!.Single().State.Should().Be(GrantAccountState.Active);
        activated.Select(e => e.Reason).Should().Equal(GrantReasons.Activated);
        Conditions.IsTrue(active.Conditions, GrantConditions.Active).Should().BeTrue();

        _clock.Advance(TwoHours);
        var (expired, expiredEvents) = Step(grant, new AccountObservation(Prod, StatementState.Visible));
        expired.Phase.Should().Be(GrantPhase.Expired);
        expired.Accounts!.Single().State.Should().Be(GrantAccountState.Removing);
        expired.Accounts!.Single().AssumeRoleCommand.Should().BeNull();
        expiredEvents.Select(e => e.Reason).Should().Equal(GrantReasons.Expired);

        var (clean, cleaned) = Step(grant, AccountObservation.Absent(Prod));
        clean.Accounts!.Single().State.Should().Be(GrantAccountState.Removed);
        cleaned.Select(e => e.Reason).Should().Equal(GrantReasons.Cleaned);
        Step(grant, AccountObservation.Absent(Prod)).Events.Should().BeEmpty();
    }

    [Fact]
    public void Ignored_approvals_and_failing_accounts_are_warnings()
    {
        var grant = Grant(s => s.RequestedBy = "bob").Approve("bob", "bob");
        var (_, events) = Step(grant);
        events.Should().ContainSingle(e => e.Reason == GrantReasons.ApprovalIgnored && e.Type == GrantEvent.Warning);

        var open = Grant().Approve("bob", "bob");
        Step(open);
        var (status, failed) = Step(open, new AccountObservation(Prod, StatementState.Absent, "Throttling: Rate exceeded"));
        status.Accounts!.Single().State.Should().Be(GrantAccountState.Error);
        failed.Should().ContainSingle(e => e.Reason == GrantReasons.AccountFailed).Which.Message.Should().Be("account 333333333333: Throttling: Rate exceeded");
        Step(open, new AccountObservation(Prod, StatementState.Absent, "Throttling: Rate exceeded")).Events.Should().BeEmpty("the same failure is reported once");
    }

    [Fact]
    public void A_grant_IAM_refused_fails_and_its_account_stays_Error_with_IAMs_message_while_nothing_is_there()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours, GrantPhase.Approved);
        const string refusal = "IAM refused the role's trust policy with this grant's statement: UpdateAssumeRolePolicy failed with MalformedPolicyDocument: Invalid principal";
        var (failed, events) = Step(grant, new AccountObservation(Prod, StatementState.Absent, refusal, Terminal: true));
        failed.Phase.Should().Be(GrantPhase.Failed);
        failed.Accounts!.Single().Should().BeEquivalentTo(new { State = GrantAccountState.Error, Message = refusal });
        events.Select(e => (e.Type, e.Reason)).Should().Contain([(GrantEvent.Warning, GrantReasons.Failed), (GrantEvent.Warning, GrantReasons.AccountFailed)]);
        events.Single(e => e.Reason == GrantReasons.Failed).Message.Should().Contain("MalformedPolicyDocument");
        GrantEvents.IsClean(failed).Should().BeTrue("nothing of the grant was ever written there");

        // No longer wanted open, the ledger reads the account as empty: the refusal stays, nothing is recorded again.
        var (again, more) = Step(grant, new AccountObservation(Prod, StatementState.Absent));
        again.Accounts!.Single().Should().BeEquivalentTo(new { State = GrantAccountState.Error, Message = refusal });
        more.Should().BeEmpty();

        // An error while removing a statement that is there is not the refusal: not clean.
        var removing = new BreakGlassGrantStatus { Phase = GrantPhase.Failed, Conditions = again.Conditions, Accounts = [new GrantAccountStatus { AccountId = Dev, State = GrantAccountState.Error, Message = "Throttling" }] };
        GrantEvents.IsClean(removing).Should().BeFalse();
    }

    [Fact]
    public void A_denied_grant_is_a_warning_naming_the_field()
    {
        var (status, events) = Step(Grant(s => s.Accounts = ["555555555555"]));
        status.Phase.Should().Be(GrantPhase.Denied);
        events.Select(e => e.Reason).Should().Equal(GrantReasons.Requested, GrantReasons.Denied);
        events[1].Message.Should().StartWith("spec.accounts: 555555555555");
        Conditions.Find(status.Conditions, GrantConditions.Approved)!.Reason.Should().Be(GrantReasons.AccountNotInRole);
    }

    [Fact]
    public void The_audit_record_names_who_what_where_and_when()
    {
        var grant = Grant().Approve("bob", "bob");
        var (status, events) = Step(grant);
        var record = GrantAuditRecord.For(grant, status, events.Single(e => e.Reason == GrantReasons.Approved), Start);
        record.Should().BeEquivalentTo(new
        {
            Event = "Approved", Grant = "incident-response/alice-inc-4711", Role = "forensics", Requester = "alice", SourceIdentity = "alice",
            Approvers = new[] { "bob" }, Principal = Principal, Accounts = new[] { Prod }, Incident = "INC-4711", Phase = "Approved",
        });
        System.Text.Json.JsonSerializer.Serialize(record).Should().Contain("\"approvers\":[\"bob\"]").And.NotContain("\n");
    }
}
