using IrOperator.Cli.Grants;
using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using IrOperator.Tests.Controllers.Grants;
using k8s.Models;

namespace IrOperator.Tests.Cli;

/// <summary>
/// The annotation approve and deny write (docs/approvals.md): whatever the CLI writes, the operator's
/// <see cref="ApprovalCounter"/> counts as the caller; what it would not count, the CLI refuses with what to do.
/// </summary>
public sealed class GrantApprovalAnnotationTests
{
    private static readonly BreakGlassSpec BreakGlass = GrantObjects.Role().Spec.BreakGlass!; // users bob, carol; group incident-commanders
    private static readonly Caller Bob = new("bob", ["ir-approvers", "system:authenticated"]);
    private static readonly Caller Erin = new("oidc:erin@example.com", ["oidc:staff", "incident-commanders", "system:authenticated"]);

    [Fact]
    public void A_named_approver_approves_with_the_name_alone_and_the_operator_counts_it()
    {
        var grant = GrantObjects.Grant();
        var plan = ApprovalAnnotation.Plan(grant, BreakGlass, Bob, denial: false, "iroperator grant");

        plan.Key.Should().Be("approval.iroperator.io/bob");
        plan.Value.Should().Be("bob");
        Counted(grant.Approve("bob", plan.Value)).Should().Equal("bob");
    }

    [Fact]
    public void A_group_member_claims_only_the_approver_groups_she_is_in()
    {
        var grant = GrantObjects.Grant();
        var plan = ApprovalAnnotation.Plan(grant, BreakGlass, Erin, denial: false, "iroperator grant");

        plan.Key.Should().Be("approval.iroperator.io/erin-example.com", "a valid annotation name from the user's short name");
        plan.Value.Should().Be("oidc:erin@example.com|incident-commanders");
        grant.Metadata.Annotations![plan.Key] = plan.Value;
        Counted(grant).Should().Equal("oidc:erin@example.com");
    }

    [Fact]
    public void A_denial_uses_the_same_value_under_the_denial_prefix()
    {
        var plan = ApprovalAnnotation.Plan(GrantObjects.Grant(), BreakGlass, Bob, denial: true, "iroperator grant");

        plan.Key.Should().Be("denial.iroperator.io/bob");
        plan.Value.Should().Be("bob");
    }

    [Fact]
    public void Someone_elses_entry_under_the_same_short_name_is_never_taken_over()
    {
        var grant = GrantObjects.Grant().Approve("bob", "ldap:bob");
        var plan = ApprovalAnnotation.Plan(grant, new BreakGlassSpec { Approvers = new Approvers { Users = ["oidc:bob"] } }, new Caller("oidc:bob", []), false, "x");

        plan.Key.Should().MatchRegex("^approval\\.iroperator\\.io/bob-[0-9a-f]{8}$");
    }

    [Fact]
    public void An_approval_already_given_is_reported_not_written_twice()
    {
        var plan = ApprovalAnnotation.Plan(GrantObjects.Grant().Approve("b", "bob"), BreakGlass, Bob, false, "x");

        plan.AlreadyGiven.Should().BeTrue();
    }

    public static TheoryData<string, Func<BreakGlassGrant>, Caller, bool, string> Refusals => new()
    {
        { "the requester", () => GrantObjects.Grant(), new Caller("alice", ["incident-commanders"]), false, "you (alice) requested grant incident-response/alice-inc-4711 and cannot approve it yourself; ask an approver of ResponderRole forensics to run: kubectl breakglass approve -n incident-response alice-inc-4711" },
        { "not an approver", () => GrantObjects.Grant(), new Caller("dave", ["ir-responders"]), false, "you, dave (groups: ir-responders), are not an approver of ResponderRole forensics, so you cannot approve incident-response/alice-inc-4711: its breakGlass.approvers are users bob, carol; groups incident-commanders. Ask one of them" },
        { "ended", () => GrantObjects.Grant().Ended(GrantPhase.Expired, GrantObjects.Start), Bob, false, "grant incident-response/alice-inc-4711 has already ended: Expired at 2026-11-29T10:00:00Z; there is nothing to approve. Access needs a new grant: kubectl breakglass request ..." },
        { "denying an open grant", () => GrantObjects.Grant().Activated(GrantObjects.Start, TimeSpan.FromHours(1)), Bob, true, "grant incident-response/alice-inc-4711 is already open (Active); a denial only stops a grant that has not opened. To end it now: kubectl breakglass revoke -n incident-response alice-inc-4711 --reason \"...\"" },
        { "a separator in the user name", () => GrantObjects.Grant(), new Caller("bob|incident-commanders", []), false, "your user name \"bob|incident-commanders\" contains '|'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refuses_what_the_operator_would_ignore_saying_what_to_do(string name, Func<BreakGlassGrant> grant, Caller caller, bool denial, string message)
    {
        var act = () => ApprovalAnnotation.Plan(grant(), BreakGlass, caller, denial, "kubectl breakglass");

        act.Should().Throw<GrantCliException>(name).Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void Approving_an_open_grant_is_not_an_error_and_writes_nothing()
    {
        var plan = ApprovalAnnotation.Plan(GrantObjects.Grant().Activated(GrantObjects.Start, TimeSpan.FromHours(1)), BreakGlass, Bob, false, "x");

        plan.AlreadyOpen.Should().BeTrue();
    }

    [Fact]
    public void Without_the_role_the_name_alone_is_written()
    {
        var plan = ApprovalAnnotation.Plan(GrantObjects.Grant(), null, Erin, false, "x");

        plan.Value.Should().Be("oidc:erin@example.com");
    }

    private static IReadOnlyList<string> Counted(BreakGlassGrant grant) =>
        ApprovalCounter.Count(grant.Metadata.Annotations, grant.Spec.RequestedBy, BreakGlass, null, GrantObjects.Start).Approvers;
}
