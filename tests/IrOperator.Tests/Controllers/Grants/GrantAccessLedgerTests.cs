using IrOperator.Controllers.Grants;
using IrOperator.Iam.Desired;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class GrantAccessLedgerTests
{
    private static readonly string Mine = Sid("uid-1");
    private static readonly string Other = Sid("uid-2");

    private static string Sid(string uid) => new GrantTrust(uid, "arn:aws:iam::222222222222:role/r", "alice", default, default).Sid;

    private static RoleApplyReport Report(string[] visible, string[] written, params RejectedGrant[] rejected) =>
        new(visible.ToHashSet(), written.ToHashSet(), rejected);

    [Fact]
    public void Unreported_accounts_read_as_absent_never_as_open() =>
        new GrantAccessLedger().Observe("forensics", "333333333333", "uid-1", wantedOpen: true).Statement.Should().Be(StatementState.Absent);

    [Theory]
    [InlineData(new string[0], new[] { "mine" }, StatementState.Written)]
    [InlineData(new[] { "mine" }, new string[0], StatementState.Visible)]
    [InlineData(new[] { "mine" }, new[] { "mine" }, StatementState.Visible)]
    [InlineData(new[] { "mine", "other" }, new[] { "other" }, StatementState.Removing)]
    [InlineData(new[] { "other" }, new[] { "other" }, StatementState.Absent)]
    [InlineData(new string[0], new string[0], StatementState.Absent)]
    public void Reads_written_visible_and_removing_from_the_last_report(string[] visible, string[] written, StatementState expected)
    {
        string Map(string s) => s == "mine" ? Mine : Other;
        var ledger = new GrantAccessLedger();
        ledger.Report("forensics", "333333333333", Report([.. visible.Select(Map)], [.. written.Select(Map)]));
        ledger.Observe("forensics", "333333333333", "uid-1", wantedOpen: true).Statement.Should().Be(expected);
        ledger.Observe("forensics", "444444444444", "uid-1", wantedOpen: true).Statement.Should().Be(StatementState.Absent, "another account");
    }

    [Fact]
    public void A_refused_grant_reads_as_a_terminal_error_and_a_report_names_its_role()
    {
        var ledger = new GrantAccessLedger();
        var reported = new List<string>();
        using var subscription = ledger.Subscribe(reported.Add);
        ledger.Report("forensics", "333333333333", Report([], [], new RejectedGrant("uid-1", "ir", "g", "no room")));
        ledger.Observe("forensics", "333333333333", "uid-1", wantedOpen: true).Should().Be(
            new AccountObservation("333333333333", StatementState.Absent, "no room", Terminal: true));
        ledger.Observe("forensics", "333333333333", "uid-2", wantedOpen: true).Error.Should().BeNull();
        reported.Should().Equal("forensics");
    }

    [Fact]
    public void An_IAM_refusal_is_kept_while_its_grant_is_rejected_and_forgotten_after()
    {
        var ledger = new GrantAccessLedger();
        ledger.Refuse("forensics", "333333333333", "uid-1", "MalformedPolicyDocument");
        ledger.Refused("forensics", "333333333333").Should().Equal(new Dictionary<string, string> { ["uid-1"] = "MalformedPolicyDocument" });
        ledger.Refused("forensics", "444444444444").Should().BeEmpty();
        ledger.Report("forensics", "333333333333", Report([], [], new RejectedGrant("uid-1", "ir", "g", "MalformedPolicyDocument")));
        ledger.Refused("forensics", "333333333333").Should().ContainKey("uid-1", "the grant is still wanted open and still refused");
        ledger.Report("forensics", "333333333333", Report([], []));
        ledger.Refused("forensics", "333333333333").Should().BeEmpty("the grant is no longer wanted open (it failed)");
    }

    [Fact]
    public void Forgetting_a_role_in_an_account_reads_as_no_statement_and_tells_the_subscribers()
    {
        var ledger = new GrantAccessLedger();
        var reported = new List<string>();
        var sid = Sid("uid-1");
        ledger.Report("forensics", "333333333333", Report([sid], []));
        using (ledger.Subscribe(reported.Add))
        {
            ledger.Forget("forensics", "333333333333");
            ledger.Subscribers.Should().Be(1);
        }
        ledger.Observe("forensics", "333333333333", "uid-1", wantedOpen: false).Statement.Should().Be(StatementState.Absent);
        reported.Should().Equal("forensics");
        ledger.Subscribers.Should().Be(0, "a disposed subscription is gone");
        ledger.Report("forensics", "333333333333", Report([], []));
        reported.Should().HaveCount(1, "an ended subscription hears nothing more");
    }
}
