using IrOperator.Controllers.Grants;
using IrOperator.Iam.Desired;
using IrOperator.Resources;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>When ending a grant's access is urgent work for its role (docs/grants.md, "Ending access on time").</summary>
public sealed class AccessEndsTests
{
    private static readonly string Sid = "IrGrant" + ShortHash.Of("uid-1");

    [Fact]
    public void The_next_end_is_the_earliest_expiry_among_the_admitted_grants()
    {
        var access = new RoleAccess(
        [
            new GrantTrust("uid-1", Principal, "alice", Start, Start + TimeSpan.FromHours(2)),
            new GrantTrust("uid-2", Principal, "bob", Start, Start + TimeSpan.FromMinutes(30)),
        ], []);

        AccessEnds.Next(access).Should().Be(Start + TimeSpan.FromMinutes(30));
        AccessEnds.Next(RoleAccess.None).Should().BeNull();
    }

    [Fact]
    public void A_revoked_grant_whose_statement_the_role_holds_is_closing()
    {
        var ledger = Holding(Sid);
        var grant = Grant().Activated(Start, TimeSpan.FromHours(2));

        AccessEnds.IsClosing(grant, ledger, Start + TimeSpan.FromMinutes(5)).Should().BeFalse("it is open");
        AccessEnds.IsClosing(grant.Revoke(), ledger, Start + TimeSpan.FromMinutes(5)).Should().BeTrue();
    }

    [Fact]
    public void An_expired_grant_is_closing_until_the_role_reports_its_statement_gone()
    {
        var grant = Grant().Activated(Start, TimeSpan.FromHours(2));
        var after = Start + TimeSpan.FromHours(2);

        AccessEnds.IsClosing(grant, Holding(Sid), after).Should().BeTrue();
        AccessEnds.IsClosing(grant, Holding(), after).Should().BeFalse("the statement is gone: nothing urgent left");
    }

    [Fact]
    public void Without_a_report_of_the_role_a_new_leader_goes_by_the_grants_status()
    {
        var grant = Grant().Activated(Start, TimeSpan.FromHours(2)).Revoke();
        var now = Start + TimeSpan.FromMinutes(5);

        AccessEnds.IsClosing(grant, new GrantAccessLedger(), now).Should().BeTrue("status does not say Removed");
        grant.Status!.Accounts!.Single().State = GrantAccountState.Removed;
        AccessEnds.IsClosing(grant, new GrantAccessLedger(), now).Should().BeFalse();
    }

    [Fact]
    public void An_open_grant_ends_at_its_expiry_and_a_closed_one_has_no_end_to_schedule()
    {
        var grant = Grant().Activated(Start, TimeSpan.FromHours(2));

        AccessEnds.EndOfOpen(grant, Start + TimeSpan.FromMinutes(5)).Should().Be(Start + TimeSpan.FromHours(2));
        AccessEnds.EndOfOpen(grant, Start + TimeSpan.FromHours(2)).Should().BeNull();
        AccessEnds.EndOfOpen(grant.Revoke(), Start + TimeSpan.FromMinutes(5)).Should().BeNull();
    }

    [Fact]
    public void A_grant_that_never_opened_is_not_closing()
    {
        AccessEnds.IsClosing(Grant().Revoke(), Holding(Sid), Start).Should().BeFalse();
    }

    private static GrantAccessLedger Holding(params string[] sids)
    {
        var ledger = new GrantAccessLedger();
        // As the role's apply path reports: always with the access key of what it applied.
        ledger.Report("forensics", Prod, new RoleApplyReport(sids.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), []) { AccessKey = "applied" });
        return ledger;
    }
}
