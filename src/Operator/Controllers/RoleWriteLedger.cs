using System.Collections.Concurrent;

namespace IrOperator.Controllers;

/// <summary>
/// What this process last wrote to each (account, IAM role) and when, in memory. IAM is eventually
/// consistent: for a while after a write, reads may still show the previous document, or no role at all
/// after CreateRole. A read that differs from a desired state this process wrote less than the
/// propagation window ago is taken as propagation, not drift: no rewrite, no duplicate CreateRole, no
/// flapping (docs/responder-roles.md, "Eventual consistency"). After a restart the ledger is empty and the
/// first difference is simply corrected, which is safe because documents are always written whole.
/// </summary>
public sealed class RoleWriteLedger(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="fingerprint"/> (the canonical desired state) was just written.</summary>
    public void Written(string accountId, string roleName, string fingerprint) =>
        _entries[RoleApplyLocks.Key(accountId, roleName)] = new Entry(fingerprint, time.GetUtcNow());

    /// <summary>Forgets a role (deleted, or no longer ours).</summary>
    public void Forget(string accountId, string roleName) => _entries.TryRemove(RoleApplyLocks.Key(accountId, roleName), out _);

    /// <summary>
    /// How much longer a difference from <paramref name="fingerprint"/> is to be read as propagation: the rest
    /// of the window when exactly that state was written within it, else null (a difference is real).
    /// </summary>
    public TimeSpan? Propagating(string accountId, string roleName, string fingerprint, TimeSpan window)
    {
        if (!_entries.TryGetValue(RoleApplyLocks.Key(accountId, roleName), out var entry) || entry.Fingerprint != fingerprint)
        {
            return null;
        }
        var left = entry.At + window - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    private sealed record Entry(string Fingerprint, DateTimeOffset At);
}
