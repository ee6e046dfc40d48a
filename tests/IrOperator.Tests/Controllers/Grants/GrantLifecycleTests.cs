using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>The lifecycle chain on a fake _clock: one case per rule, and the times it fixes.</summary>
public sealed class GrantLifecycleTests
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private readonly FakeTimeProvider _clock = new(Start);

    private DateTimeOffset Now => _clock.GetUtcNow();

    private GrantDecision Decide(BreakGlassGrant grant, ResponderRole? role = null, IReadOnlyDictionary<string, AccountObservation>? accounts = null) =>
        GrantLifecycle.Decide(Facts(grant, Now, role, accounts));

    [Fact]
    public void A_new_grant_waits_for_approval()
    {
        var decision = Decide(Grant());
        decision.Should().BeEquivalentTo(new { Rule = "Pending", Phase = GrantPhase.Pending, Reason = GrantReasons.AwaitingApproval, RequeueAt = (DateTimeOffset?)null });
        decision.Message.Should().StartWith("0 of 1 approval;");
    }

    [Fact]
    public void Pending_shows_progress_under_the_two_person_rule()
    {
        var decision = Decide(Grant().Approve("bob", "bob"), Role(b => b.MinApprovals = 2));
        decision.Phase.Should().Be(GrantPhase.Pending);
        decision.Message.Should().StartWith("1 of 2 approvals (bob)");
    }

    [Fact]
    public void Approval_fixes_the_window_on_a_whole_second_and_requeues_at_expiry()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(1500));
        var decision = Decide(Grant().Approve("bob", "bob"));
        decision.Phase.Should().Be(GrantPhase.Approved);
        decision.Reason.Should().Be(GrantReasons.Approved);
        decision.ActivatedAt.Should().Be(Start.AddSeconds(1));
        decision.ExpiresAt.Should().Be(Start.AddSeconds(1) + TwoHours);
        decision.RequeueAt.Should().Be(decision.ExpiresAt);
        decision.Message.Should().Be("approved by bob; opening in 1 account until 2026-11-29T12:00:01Z");
    }

    [Fact]
    public void Activating_until_every_account_shows_the_statement()
    {
        var grant = Grant(s => s.Accounts = [Prod, Dev]).Approve("bob", "bob").Activated(Start, TwoHours, GrantPhase.Approved);
        var partial = Decide(grant, accounts: Seen(new AccountObservation(Prod, StatementState.Visible), new AccountObservation(Dev, StatementState.Written)));
        partial.Phase.Should().Be(GrantPhase.Approved);
        partial.Reason.Should().Be(GrantReasons.Activating);
        partial.Message.Should().Be("opening: visible in 1 of 2 accounts, written and not yet visible in 1");

        var all = Decide(grant, accounts: Seen(new AccountObservation(Prod, StatementState.Visible), new AccountObservation(Dev, StatementState.Visible)));
        all.Phase.Should().Be(GrantPhase.Active);
        all.Reason.Should().Be(GrantReasons.Activated);
        all.ActivatedAt.Should().Be(Start);
        all.RequeueAt.Should().Be(Start + TwoHours);
    }

    [Fact]
    public void A_failing_account_is_retried_and_visible_in_the_message()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours, GrantPhase.Approved);
        var decision = Decide(grant, accounts: Seen(new AccountObservation(Prod, StatementState.Absent, "Throttling: Rate exceeded")));
        decision.Phase.Should().Be(GrantPhase.Approved);
        decision.Reason.Should().Be(GrantReasons.AccountFailed);
        decision.Message.Should().EndWith("retrying account 333333333333: Throttling: Rate exceeded");
    }

    [Fact]
    public void A_grant_the_trust_policy_has_no_room_for_fails()
    {
        _clock.Advance(TimeSpan.FromSeconds(10.2));
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours, GrantPhase.Approved);
        var decision = Decide(grant, accounts: Seen(new AccountObservation(Prod, StatementState.Absent, "no room for this grant", Terminal: true)));
        decision.Phase.Should().Be(GrantPhase.Failed);
        decision.Message.Should().Be("account 333333333333: no room for this grant");
        decision.EndedAt.Should().Be(Start.AddSeconds(11));
    }

    [Fact]
    public void Expires_at_expiresAt_with_endedAt_the_expiry()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours);
        _clock.Advance(TwoHours - TimeSpan.FromTicks(1));
        Decide(grant).Phase.Should().Be(GrantPhase.Approved, "one tick before the end it is still open (no account seen in this case)");
        _clock.Advance(TimeSpan.FromTicks(1));
        var decision = Decide(grant);
        decision.Should().BeEquivalentTo(new { Phase = GrantPhase.Expired, Reason = GrantReasons.Expired, EndedAt = (DateTimeOffset?)(Start + TwoHours) });
        decision.Message.Should().Be("access ended at 2026-11-29T12:00:00Z");
    }

    [Fact]
    public void An_expiry_that_passed_while_the_operator_was_down_ends_at_expiresAt_and_says_so()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours);
        _clock.Advance(TwoHours + TimeSpan.FromMinutes(42));
        var decision = Decide(grant);
        decision.Phase.Should().Be(GrantPhase.Expired);
        decision.EndedAt.Should().Be(Start + TwoHours);
        decision.Message.Should().Contain("noticed 42m later");
    }

    [Fact]
    public void Revoke_ends_now_rounded_up_to_the_next_second()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours).Revoke("contained");
        _clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromMilliseconds(100));
        var decision = Decide(grant);
        decision.Phase.Should().Be(GrantPhase.Revoked);
        decision.EndedAt.Should().Be(Start.AddMinutes(30).AddSeconds(1));
        decision.Message.Should().Be("revoked through iroperator.io/revoke: contained; access ended at 2026-11-29T10:30:01Z instead of 2026-11-29T12:00:00Z");
    }

    [Fact]
    public void Deleting_the_grant_revokes_it()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours);
        grant.Metadata.DeletionTimestamp = Start.UtcDateTime;
        Decide(grant).Message.Should().StartWith("the grant was deleted;");
    }

    [Fact]
    public void Revoking_a_pending_grant_ends_it_before_anything_opened()
    {
        var decision = Decide(Grant().Revoke(""));
        decision.Phase.Should().Be(GrantPhase.Revoked);
        decision.ActivatedAt.Should().BeNull();
        decision.Message.Should().Be("revoked through iroperator.io/revoke, before access was opened");
    }

    [Fact]
    public void A_revoke_after_the_end_is_an_expiry()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours).Revoke();
        _clock.Advance(TwoHours + TimeSpan.FromMinutes(1));
        Decide(grant).Phase.Should().Be(GrantPhase.Expired);
    }

    [Fact]
    public void An_invalid_grant_is_denied_with_the_field()
    {
        var decision = Decide(Grant(s => s.Duration = "6h").Approve("bob", "bob"));
        decision.Phase.Should().Be(GrantPhase.Denied);
        decision.Reason.Should().Be(GrantReasons.DurationTooLong);
        decision.Message.Should().StartWith("spec.duration:");
    }

    [Fact]
    public void A_denial_by_an_approver_denies_a_pending_grant()
    {
        var decision = Decide(Grant().Approve("bob", "bob").Deny("carol", "carol"));
        decision.Phase.Should().Be(GrantPhase.Denied, "a denial wins over an approval while nothing is open");
        decision.Message.Should().Be("denied by carol");
    }

    [Fact]
    public void A_denial_after_activation_changes_nothing()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours).Deny("carol", "carol");
        Decide(grant, accounts: Seen(new AccountObservation(Prod, StatementState.Visible))).Phase.Should().Be(GrantPhase.Active);
    }

    [Fact]
    public void A_role_change_after_activation_does_not_deny_an_open_grant()
    {
        var grant = Grant().Approve("bob", "bob").Activated(Start, TwoHours);
        var decision = Decide(grant, Role(b => b.MaxGrantDuration = "1h"), Seen(new AccountObservation(Prod, StatementState.Visible)));
        decision.Phase.Should().Be(GrantPhase.Active);
    }

    [Fact]
    public void A_grant_waiting_for_its_role_stays_pending_even_when_approved()
    {
        var facts = Facts(Grant().Approve("bob", "bob"), Now) with
        {
            Validation = GrantValidation.Waiting(GrantReasons.WaitingForRole, "waiting"),
        };
        GrantLifecycle.Decide(facts).Should().BeEquivalentTo(new { Phase = GrantPhase.Pending, Reason = GrantReasons.WaitingForRole });
    }

    [Fact]
    public void A_finished_grant_keeps_its_phase_until_its_retention_ends_then_is_deleted()
    {
        var grant = Grant().Activated(Start, TwoHours).Ended(GrantPhase.Expired, Start + TwoHours);
        grant.Status!.Conditions = [new V1Condition { Type = GrantConditions.Active, Status = "False", Reason = GrantReasons.Expired, Message = "access ended" }];
        _clock.Advance(TwoHours + TimeSpan.FromDays(1));
        var kept = Decide(grant.Approve("bob", "bob"));
        kept.Should().BeEquivalentTo(new { Phase = GrantPhase.Expired, Reason = GrantReasons.Expired, Message = "access ended", Delete = false });
        kept.RequeueAt.Should().Be(Start + TwoHours + TimeSpan.FromDays(7));

        _clock.Advance(TimeSpan.FromDays(6));
        var deleted = Decide(grant);
        deleted.Delete.Should().BeTrue();
        deleted.Phase.Should().Be(GrantPhase.Expired);
        deleted.Message.Should().Be("access ended; deleted after the retention of 168h");

        // Decided again with that written to status (the finalizer holds the deleted grant): the same decision, so
        // the status is not written again.
        grant.Status.Conditions = [new V1Condition { Type = GrantConditions.Active, Status = "False", Reason = deleted.Reason, Message = deleted.Message }];
        Decide(grant).Should().BeEquivalentTo(new { deleted.Phase, deleted.Reason, deleted.Message, Delete = true });
    }

    [Fact]
    public void Every_rule_is_in_the_chain_in_order() =>
        GrantLifecycle.Rules.Select(r => r.Name).Should().Equal("Finished", "Denied", "Revoked", "Expired", "RoleWithdrawn", "Failed", "Active", "ApprovalPolicyMissing", "Approved", "Pending");

    [Theory]
    [InlineData("deleted", GrantReasons.RoleDeleted, "ResponderRole \"forensics\" was deleted")]
    [InlineData("deleting", GrantReasons.RoleDeleted, "ResponderRole \"forensics\" is being deleted")]
    [InlineData("no-breakglass", GrantReasons.RoleNotBreakGlass, "ResponderRole \"forensics\" no longer has a breakGlass section")]
    [InlineData("account-left", GrantReasons.AccountNotInRole, "ResponderRole \"forensics\" no longer covers account 444444444444")]
    public void An_open_grant_whose_role_goes_ends_as_revoked_now(string change, string reason, string message)
    {
        var role = Role();
        IReadOnlySet<string> accounts = RoleAccounts;
        switch (change)
        {
            case "deleted":
                role = null;
                break;
            case "deleting":
                role.Metadata.DeletionTimestamp = Start.UtcDateTime;
                break;
            case "no-breakglass":
                role.Spec.BreakGlass = null;
                break;
            default:
                accounts = new HashSet<string> { Prod };
                break;
        }
        var grant = Grant(s => s.Accounts = [Prod, Dev]).Activated(Start, TwoHours);
        _clock.Advance(TimeSpan.FromMilliseconds(10_500));
        var withdrawal = RoleWithdrawal.Of("forensics", role, accounts, [Prod, Dev]);
        var decision = GrantLifecycle.Decide(Facts(grant, Now) with { Withdrawal = withdrawal });
        decision.Should().BeEquivalentTo(new { Rule = "RoleWithdrawn", Phase = GrantPhase.Revoked, Reason = reason, EndedAt = (DateTimeOffset?)Start.AddSeconds(11) });
        decision.Message.Should().Be($"{message}; access ended at 2026-11-29T10:00:11Z instead of 2026-11-29T12:00:00Z");
    }

    [Fact]
    public void A_role_that_still_carries_the_grant_withdraws_nothing_and_an_expired_grant_stays_expired()
    {
        RoleWithdrawal.Of("forensics", Role(), RoleAccounts, [Prod, Dev]).Should().BeNull();
        RoleWithdrawal.Of("forensics", Role(), null, [Prod]).Should().BeNull("accounts not listed yet are not accounts gone");
        var grant = Grant().Activated(Start, TwoHours);
        _clock.Advance(TwoHours);
        GrantLifecycle.Decide(Facts(grant, Now) with { Withdrawal = RoleWithdrawal.Of("forensics", null, null, [Prod]) })
            .Should().BeEquivalentTo(new { Phase = GrantPhase.Expired, EndedAt = (DateTimeOffset?)(Start + TwoHours) }, "AWS ended it at expiresAt");
    }
}
