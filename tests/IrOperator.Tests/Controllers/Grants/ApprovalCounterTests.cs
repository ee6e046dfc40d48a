using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class ApprovalCounterTests
{
    private static ApprovalTally Count(BreakGlassGrant grant, Action<BreakGlassSpec>? role = null, DateTimeOffset? now = null) =>
        ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, Role(role).Spec.BreakGlass!, grant.Status?.Approvals, now ?? Start);

    [Fact]
    public void An_approver_user_counts_with_the_time_first_seen()
    {
        var tally = Count(Grant().Approve("bob", "bob"), now: Start.AddMilliseconds(700));
        tally.IsApproved.Should().BeTrue();
        tally.Counted.Should().ContainSingle().Which.Should().BeEquivalentTo(new Approval { By = "bob", At = Start.UtcDateTime });
        tally.Ignored.Should().BeEmpty();
    }

    [Fact]
    public void The_time_first_seen_is_kept_from_status()
    {
        var grant = Grant().Approve("bob", "bob");
        grant.Status = new BreakGlassGrantStatus { Approvals = [new Approval { By = "bob", At = Start.AddMinutes(-5).UtcDateTime }] };
        Count(grant, now: Start).Counted.Single().At.Should().Be(Start.AddMinutes(-5).UtcDateTime);
    }

    [Fact]
    public void Self_approval_is_ignored_even_for_an_approver()
    {
        var grant = Grant(s => s.RequestedBy = "bob").Approve("bob", "bob");
        var tally = Count(grant);
        tally.IsApproved.Should().BeFalse();
        tally.Ignored.Should().ContainSingle().Which.Why.Should().Be("bob requested this grant and cannot approve it");
    }

    [Fact]
    public void A_non_approver_is_ignored_and_told_why()
    {
        var tally = Count(Grant().Approve("mallory", "mallory|developers"));
        tally.IsApproved.Should().BeFalse();
        tally.Ignored.Single().Why.Should().Contain("mallory is not one of the role's breakGlass.approvers (bob, carol, group incident-commanders)")
            .And.Contain("none of the groups it claims (developers) is an approver group");
    }

    [Fact]
    public void A_group_counts_only_when_the_approval_claims_it()
    {
        Count(Grant().Approve("erin", "erin")).IsApproved.Should().BeFalse("the operator cannot know erin's groups unless the approval states them");
        var tally = Count(Grant().Approve("erin", "erin|developers|incident-commanders"));
        tally.IsApproved.Should().BeTrue();
        tally.Counted.Single().Groups.Should().Equal("incident-commanders");
    }

    [Fact]
    public void The_requester_cannot_approve_through_a_group()
    {
        var grant = Grant(s => s.RequestedBy = "erin").Approve("erin", "erin|incident-commanders");
        Count(grant).IsApproved.Should().BeFalse();
    }

    [Fact]
    public void Approvers_are_distinct_whatever_the_keys()
    {
        var grant = Grant().Approve("bob", "bob").Approve("bob-again", "bob|incident-commanders");
        var tally = Count(grant, b => b.MinApprovals = 2);
        tally.Counted.Should().ContainSingle();
        tally.IsApproved.Should().BeFalse();
    }

    [Fact]
    public void Two_person_rule_needs_two_distinct_approvers()
    {
        var oneApprover = Count(Grant().Approve("bob", "bob"), b => b.MinApprovals = 2);
        oneApprover.IsApproved.Should().BeFalse();
        var two = Count(Grant().Approve("bob", "bob").Approve("carol", "carol"), b => b.MinApprovals = 2);
        two.IsApproved.Should().BeTrue();
        two.Approvers.Should().BeEquivalentTo("bob", "carol");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bob|")]
    [InlineData("|incident-commanders")]
    [InlineData("bob||incident-commanders")]
    public void Malformed_values_are_ignored(string value)
    {
        var tally = Count(Grant().Approve("x", value));
        tally.IsApproved.Should().BeFalse();
        tally.Ignored.Should().ContainSingle().Which.Key.Should().Be("approval.iroperator.io/x");
    }

    [Fact]
    public void A_denial_counts_from_an_approver_only()
    {
        Count(Grant().Deny("carol", "carol")).IsDenied.Should().BeTrue();
        var byOutsider = Count(Grant().Deny("mallory", "mallory"));
        byOutsider.IsDenied.Should().BeFalse();
        byOutsider.Ignored.Single().Why.Should().EndWith("so it cannot deny this grant");
    }

    [Fact]
    public void Other_annotations_are_not_approvals()
    {
        var grant = Grant();
        grant.Metadata.Annotations!["iroperator.io/approved-by"] = "bob";
        grant.Metadata.Annotations!["example.com/approval.iroperator.io"] = "bob";
        Count(grant).Counted.Should().BeEmpty();
        Count(grant).Ignored.Should().BeEmpty();
    }
}
