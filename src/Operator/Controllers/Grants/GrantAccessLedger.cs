using System.Collections.Concurrent;
using IrOperator.Iam.Desired;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The feedback from the role's one apply path to the grants (docs/grants.md, "One writer per role"): after each
/// read-plan-apply of a (role, account), the role controller reports what IAM showed and what it wrote; the
/// grant reconciler reads, per account, whether its statement is written, visible, being removed, or refused.
/// In memory: a new process learns it again from the first apply of every role, which the start-up list
/// triggers; until then a grant's accounts read as not yet seen, never as open.
/// The ledger lives as long as the process; the grant controller of each leadership term subscribes to its
/// reports (<see cref="Subscribe"/>) and ends its subscription with the term.
/// </summary>
public sealed class GrantAccessLedger
{
    private readonly ConcurrentDictionary<(string Role, string Account), RoleApplyReport> _reports = new();
    private readonly ConcurrentDictionary<(string Role, string Account), ConcurrentDictionary<string, string>> _refused = new();
    private readonly Lock _gate = new();
    private List<Action<string>> _subscribers = [];

    /// <summary>Subscriptions alive (one per running grant controller).</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onReport"/> with the ResponderRole's name after each report or forget, so the grants of
    /// that role are looked at again; disposing the result ends the subscription.
    /// </summary>
    public IDisposable Subscribe(Action<string> onReport)
    {
        ArgumentNullException.ThrowIfNull(onReport);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onReport];
        }
        return new Subscription(this, onReport);
    }

    public void Report(string role, string account, RoleApplyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[(role, account)] = report;
        if (_refused.TryGetValue((role, account), out var refused))
        {
            // A refusal is kept while its grant is still refused (still wanted open); then it is of no more use.
            foreach (var uid in refused.Keys.Where(uid => report.Rejected.All(r => r.GrantUid != uid)))
            {
                refused.TryRemove(uid, out _);
            }
        }
        Raise(role);
    }

    /// <summary>
    /// Records that IAM refused the trust policy because of this grant's statement (MalformedPolicyDocument,
    /// LimitExceeded), with IAM's code and message: the role's apply path leaves the grant out from now on, and
    /// the grant fails (docs/grants.md, "IAM refusals").
    /// </summary>
    public void Refuse(string role, string account, string grantUid, string message) =>
        _refused.GetOrAdd((role, account), _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))[grantUid] = message;

    /// <summary>The grants IAM refused in this role and account, by uid, with IAM's message.</summary>
    public IReadOnlyDictionary<string, string> Refused(string role, string account) =>
        _refused.TryGetValue((role, account), out var refused)
            ? new Dictionary<string, string>(refused, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

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

    /// <summary>
    /// Forgets a role in an account: its IAM role is gone (deleted, or released to its owner), so no grant statement
    /// is there any more. The grants of the role are looked at again.
    /// </summary>
    public void Forget(string role, string account)
    {
        _reports.TryRemove((role, account), out _);
        _refused.TryRemove((role, account), out _);
        Raise(role);
    }

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

    private void Raise(string role)
    {
        List<Action<string>> subscribers;
        lock (_gate)
        {
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            subscriber(role);
        }
    }

    private void Unsubscribe(Action<string> onReport)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, onReport))];
        }
    }

    private sealed class Subscription(GrantAccessLedger ledger, Action<string> onReport) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ledger.Unsubscribe(onReport);
            }
        }
    }
}
