using IrOperator.Controllers.Grants;
using IrOperator.Kube;
using IrOperator.Resources;
using k8s.Models;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>
/// Fail closed, as the lifecycle decides it (docs/approvals.md, "Fail closed"): an approved grant opens only while the
/// approval admission policy is in place; without it the grant stays Pending (ApprovalPolicyMissing), looked at again
/// at the guard's next check, with one Warning event; everything else (denial, revoke, open grants) is unaffected.
/// </summary>
public sealed class ApprovalPolicyFailClosedTests
{
    private static readonly ApprovalPolicyCheck Missing = new(false, "ValidatingAdmissionPolicy iroperator-grant-approvals does not exist", Start.AddSeconds(30));
    private static readonly ApprovalPolicyCheck InPlace = new(true, "in place", Start.AddSeconds(30));

    [Fact]
    public void An_approved_grant_stays_pending_while_the_policy_is_missing_and_is_looked_at_again_at_the_next_check()
    {
        var decision = GrantLifecycle.Decide(Facts(Grant().Approve("bob", "bob"), Start) with { ApprovalPolicy = Missing });

        decision.Should().BeEquivalentTo(new { Rule = "ApprovalPolicyMissing", Phase = GrantPhase.Pending, Reason = GrantReasons.ApprovalPolicyMissing, ActivatedAt = (DateTimeOffset?)null });
        decision.RequeueAt.Should().Be(Missing.NextCheck);
        decision.Message.Should().StartWith("approved by bob but not opened: ValidatingAdmissionPolicy iroperator-grant-approvals does not exist;");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_the_policy_in_place_or_the_check_off_an_approved_grant_opens(bool checkOff)
    {
        var decision = GrantLifecycle.Decide(Facts(Grant().Approve("bob", "bob"), Start) with { ApprovalPolicy = checkOff ? null : InPlace });

        decision.Phase.Should().Be(GrantPhase.Approved);
        decision.ActivatedAt.Should().NotBeNull();
    }

    [Fact]
    public void Without_the_policy_a_grant_awaiting_approval_still_waits_and_a_denial_still_denies()
    {
        GrantLifecycle.Decide(Facts(Grant(), Start) with { ApprovalPolicy = Missing }).Reason.Should().Be(GrantReasons.AwaitingApproval);
        GrantLifecycle.Decide(Facts(Grant().Deny("carol", "carol"), Start) with { ApprovalPolicy = Missing }).Phase.Should().Be(GrantPhase.Denied);
    }

    [Fact]
    public void A_grant_already_open_stays_open_when_the_policy_goes()
    {
        var open = Grant().Approve("bob", "bob");
        var approved = GrantLifecycle.Decide(Facts(open, Start));
        open.Status = new BreakGlassGrantStatus { Phase = GrantPhase.Approved, ActivatedAt = approved.ActivatedAt!.Value.UtcDateTime, ExpiresAt = approved.ExpiresAt!.Value.UtcDateTime };

        GrantLifecycle.Decide(Facts(open, Start.AddSeconds(5)) with { ApprovalPolicy = Missing }).Phase.Should().Be(GrantPhase.Approved);
    }

    [Fact]
    public void The_warning_event_is_recorded_once_when_a_grant_is_held_back()
    {
        var grant = Grant().Approve("bob", "bob");
        var pending = Status(GrantReasons.AwaitingApproval, "0 of 1 approval");
        var held = Status(GrantReasons.ApprovalPolicyMissing, "approved by bob but not opened: ValidatingAdmissionPolicy iroperator-grant-approvals does not exist");

        var first = GrantEvents.Between(grant, pending, held, null);
        var again = GrantEvents.Between(grant, held, held, null);

        first.Should().ContainSingle(e => e.Reason == GrantReasons.ApprovalPolicyMissing).Which.Should().BeEquivalentTo(
            new { Type = GrantEvent.Warning, Message = "approved by bob but not opened: ValidatingAdmissionPolicy iroperator-grant-approvals does not exist" });
        again.Should().NotContain(e => e.Reason == GrantReasons.ApprovalPolicyMissing);
    }

    private static BreakGlassGrantStatus Status(string reason, string message) => new()
    {
        Phase = GrantPhase.Pending,
        Conditions = [new V1Condition { Type = GrantConditions.Active, Status = Conditions.False, Reason = reason, Message = message, LastTransitionTime = Start.UtcDateTime }],
    };
}
