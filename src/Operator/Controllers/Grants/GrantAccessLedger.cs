using System.Collections.Concurrent;
using IrOperator.Iam.Desired;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The feedback from the role's one apply path to the grants (docs/grants.md, "One writer per role"): after each
/// read-plan-apply of a (role, account), the role controller reports what IAM showed and what it wrote; the
/// grant reconciler reads, per account, whether its statement is written, visible, being removed, or refused.
/// In memory: a new process learns it again from the first apply of every role, which the start-up list
/// triggers; until then a grant's accounts read as not yet seen, never as open.
/// </summary>
public sealed class GrantAccessLedger
{
    private readonly ConcurrentDictionary<(string Role, string Account), RoleApplyReport> _reports = new();

    /// <summary>Raised after a report, with the ResponderRole's name, so the grants of that role are looked at again.</summary>
    public event Action<string>? Reported;

    public void Report(string role, string account, RoleApplyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[(role, account)] = report;
        Reported?.Invoke(role);
    }

    /// <summary>The access key of the last report, null before the first.</summary>
    public string? AccessKey(string role, string account) => _reports.TryGetValue((role, account), out var report) ? report.AccessKey : null;

    /// <summary>The statements the last report saw, for an apply whose read failed (so a failure does not read as closed).</summary>
    public IReadOnlySet<string> Visible(string role, string account) =>
        _reports.TryGetValue((role, account), out var report) ? report.VisibleSids : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The statements the last report saw or wrote: the grants already open there, which keep their place.</summary>
    public IReadOnlySet<string> InTrust(string role, string account) =>
        _reports.TryGetValue((role, account), out var report)
            ? report.VisibleSids.Union(report.WrittenSids, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Forgets a role in an account (its IAM role is gone).</summary>
    public void Forget(string role, string account) => _reports.TryRemove((role, account), out _);

    /// <summary>Where the grant's statement stands in the account, as the last report of its role there says.</summary>
    public AccountObservation Observe(string role, string account, string grantUid, bool wantedOpen)
    {
        if (!_reports.TryGetValue((role, account), out var report))
        {
            return AccountObservation.Absent(account);
        }
        if (report.Rejected.FirstOrDefault(r => r.GrantUid == grantUid) is { } rejected && wantedOpen)
        {
            return new AccountObservation(account, StatementState.Absent, rejected.Message, Terminal: true);
        }
        var sid = "IrGrant" + ShortHash.Of(grantUid);
        var visible = report.VisibleSids.Contains(sid);
        var wrote = report.WrittenSids.Count > 0;
        var state = (visible, wrote, report.WrittenSids.Contains(sid)) switch
        {
            (true, true, false) => StatementState.Removing,
            (true, _, _) => StatementState.Visible,
            (false, true, true) => StatementState.Written,
            _ => StatementState.Absent,
        };
        return new AccountObservation(account, state, report.Error, report.ErrorIsTerminal && wantedOpen);
    }
}
