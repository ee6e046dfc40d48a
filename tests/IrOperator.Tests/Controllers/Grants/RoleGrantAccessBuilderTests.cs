using IrOperator.Controllers.Grants;
using IrOperator.Iam.Desired;
using IrOperator.Resources;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class RoleGrantAccessBuilderTests
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private static readonly DesiredRoleOptions Options = new() { ClusterId = "test" };

    private static RoleGrantAccess Build(DateTimeOffset now, params BreakGlassGrant[] grants) =>
        RoleGrantAccessBuilder.Build(Role(), Prod, grants, now, Options);

    [Fact]
    public void A_grant_IAM_refused_is_left_out_and_rejected_with_IAMs_message_and_the_others_stay()
    {
        var first = Grant(uid: "uid-1").Activated(Start, TwoHours);
        var refused = Grant(s => s.RequestedBy = "dave", uid: "uid-2", name: "dave").Activated(Start.AddMinutes(1), TwoHours, sourceIdentity: "dave");
        var access = RoleGrantAccessBuilder.Build(Role(), Prod, [first, refused], Start.AddMinutes(2), Options,
            refused: new Dictionary<string, string> { ["uid-2"] = "IAM refused ... MalformedPolicyDocument" });
        access.Access.Grants.Select(g => g.GrantUid).Should().Equal("uid-1");
        access.Rejected.Should().ContainSingle().Which.Should().Be(new RejectedGrant("uid-2", "incident-response", "dave", "IAM refused ... MalformedPolicyDocument"));
        access.Access.Ends.Select(e => e.SourceIdentity).Should().Equal(["alice", "dave"], "the deny stays for every requester whose window was fixed");
    }

    [Fact]
    public void A_role_let_go_keeps_no_grant_statement_and_every_deny_ends_now_at_the_latest()
    {
        var open = Grant(uid: "uid-1").Activated(Start, TwoHours);
        var ended = Grant(s => s.RequestedBy = "dave", uid: "uid-2", name: "dave").Activated(Start, TwoHours, sourceIdentity: "dave").Ended(GrantPhase.Revoked, Start.AddMinutes(5));
        var closing = RoleGrantAccessBuilder.Closing(Role(), Prod, [open, ended], Start.AddMinutes(10).AddMilliseconds(200));
        closing.Grants.Should().BeEmpty();
        closing.Ends.Should().Equal(new EndOfAccess("alice", Start.AddMinutes(10).AddSeconds(1)), new EndOfAccess("dave", Start.AddMinutes(5)));
    }

    [Fact]
    public void Two_overlapping_grants_each_have_their_statement_and_the_requesters_deny_ends_at_the_latest_end()
    {
        var first = Grant(uid: "uid-1").Activated(Start, TwoHours);
        var second = Grant(uid: "uid-2", name: "alice-2").Activated(Start.AddHours(1), TwoHours);
        var access = Build(Start.AddMinutes(90), first, second).Access;
        access.Grants.Select(g => g.GrantUid).Should().Equal("uid-1", "uid-2");
        access.Ends.Should().ContainSingle().Which.Should().Be(new EndOfAccess("alice", Start.AddHours(3)));
    }

    [Fact]
    public void An_expired_grant_removes_only_its_own_statement()
    {
        var first = Grant(uid: "uid-1").Activated(Start, TwoHours);
        var second = Grant(uid: "uid-2", name: "alice-2").Activated(Start.AddHours(1), TwoHours);
        var access = Build(Start + TwoHours, first, second).Access;
        access.Grants.Select(g => g.GrantUid).Should().Equal("uid-2");
        access.Ends.Single().End.Should().Be(Start.AddHours(3), "the first grant's end does not cut the second grant's sessions");
    }

    [Fact]
    public void A_revoked_grant_leaves_the_trust_at_once_and_its_deny_ends_at_endedAt()
    {
        var revokedAt = Start.AddMinutes(30).AddSeconds(1);
        var grant = Grant().Activated(Start, TwoHours).Revoke();
        var beforeStatus = Build(Start.AddMinutes(30), grant).Access;
        beforeStatus.Grants.Should().BeEmpty("the annotation alone closes the trust, before the grant controller writes endedAt");

        grant.Ended(GrantPhase.Revoked, revokedAt);
        Build(Start.AddMinutes(31), grant).Access.Ends.Single().Should().Be(new EndOfAccess("alice", revokedAt));
    }

    [Fact]
    public void Another_requesters_deny_is_separate()
    {
        var alice = Grant(uid: "uid-1").Activated(Start, TwoHours).Ended(GrantPhase.Revoked, Start.AddMinutes(10));
        var dave = Grant(s => s.RequestedBy = "dave", uid: "uid-2", name: "dave").Activated(Start, TwoHours, sourceIdentity: "dave");
        var access = Build(Start.AddMinutes(20), alice, dave).Access;
        access.Ends.Should().Equal(new EndOfAccess("alice", Start.AddMinutes(10)), new EndOfAccess("dave", Start + TwoHours));
        access.Grants.Select(g => g.SourceIdentity).Should().Equal("dave");
    }

    [Fact]
    public void A_deny_is_pruned_once_the_roles_max_session_duration_has_passed_after_its_end()
    {
        var grant = Grant().Activated(Start, TwoHours).Ended(GrantPhase.Expired, Start + TwoHours);
        Build(Start + TwoHours + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), grant).Access.Ends.Should().ContainSingle();
        Build(Start + TwoHours + TimeSpan.FromHours(1), grant).Access.Ends.Should().BeEmpty("the role's maxSessionDuration is 1h");
    }

    [Fact]
    public void Grants_of_other_accounts_roles_or_not_yet_activated_are_left_out()
    {
        var otherAccount = Grant(s => s.Accounts = [Dev], uid: "uid-1").Activated(Start, TwoHours);
        var otherRole = Grant(s => s.Role = "other", uid: "uid-2").Activated(Start, TwoHours);
        var pending = Grant(uid: "uid-3");
        var denied = Grant(uid: "uid-4").Ended(GrantPhase.Denied, Start);
        Build(Start.AddMinutes(1), otherAccount, otherRole, pending, denied).Access.Should().BeEquivalentTo(RoleAccess.None);
    }

    [Fact]
    public void A_grant_that_does_not_fit_the_trust_policy_is_rejected_and_older_grants_keep_their_place()
    {
        var grants = Enumerable.Range(0, 12)
            .Select(i => Grant(s => s.RequestedBy = $"user{i}", uid: $"uid-{i:D2}", name: $"g{i}")
                .Activated(Start.AddSeconds(i), TwoHours, sourceIdentity: $"user{i}"))
            .ToArray();
        var result = RoleGrantAccessBuilder.Build(Role(), Prod, grants.Reverse(), Start.AddMinutes(1), Options);
        result.Rejected.Should().NotBeEmpty();
        var admitted = result.Access.Grants.Select(g => g.GrantUid).ToList();
        admitted.Should().Equal(grants.Take(admitted.Count).Select(g => g.Metadata.Uid), "grants are admitted oldest window first");
        result.Rejected.Select(r => r.GrantUid).Should().Equal(grants.Skip(admitted.Count).Select(g => g.Metadata.Uid));
        result.Rejected[0].Message.Should().Contain("no room for this grant").And.Contain("over the quota of 2048");
        DesiredRoleBuilder.Build(Role(), result.Access, Options).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_grant_already_in_the_trust_policy_keeps_its_place_against_one_approved_in_the_same_second()
    {
        var grants = Enumerable.Range(0, 12)
            .Select(i => Grant(uid: $"uid-{i:D2}", name: $"g{i}").Activated(Start, TwoHours))
            .ToArray();
        var last = grants[^1];
        var inTrust = new HashSet<string> { new GrantTrust("uid-11", Principal, "alice", default, default).Sid };
        var result = RoleGrantAccessBuilder.Build(Role(), Prod, grants, Start.AddMinutes(1), Options, inTrust);
        result.Access.Grants.Select(g => g.GrantUid).Should().Contain(last.Metadata.Uid);
        result.Rejected.Should().NotBeEmpty().And.NotContain(r => r.GrantUid == last.Metadata.Uid);
    }

    [Fact]
    public void Raising_the_quota_makes_room()
    {
        var grants = Enumerable.Range(0, 12)
            .Select(i => Grant(uid: $"uid-{i:D2}", name: $"g{i}").Activated(Start.AddSeconds(i), TwoHours))
            .ToArray();
        RoleGrantAccessBuilder.Build(Role(), Prod, grants, Start.AddMinutes(1), Options with { TrustPolicySizeQuota = 20_000 })
            .Rejected.Should().BeEmpty();
    }
}
