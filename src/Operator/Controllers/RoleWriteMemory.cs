using System.Collections.Concurrent;
using IrOperator.Iam.Planning;

namespace IrOperator.Controllers;

/// <summary>
/// What this process recently wrote to each (account, IAM role), in memory: the documents replaced
/// (<see cref="RecentWrites"/>, which the planner uses to tell propagation from drift) and the fingerprint of
/// the whole desired state last written in full, with its time. IAM is eventually consistent: for a while
/// after a write, reads may show the previous document, the previous tags, or no role at all. Within the
/// propagation window, a read that differs from a desired state written in full is propagation: no
/// rewrite, no duplicate CreateRole, no flapping (docs/responder-roles.md, "Eventual consistency"). After a
/// restart the memory is empty: the first difference is corrected, which is safe because documents are
/// always written whole, and a CreateRole refused with EntityAlreadyExists waits for the role to show.
/// </summary>
public sealed class RoleWriteMemory
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The documents written recently to this role (pruned to the window by the caller).</summary>
    public RecentWrites Recent(string accountId, string roleName) =>
        _entries.TryGetValue(RoleApplyLocks.Key(accountId, roleName), out var entry) ? entry.Writes : RecentWrites.None;

    /// <summary>Records the writes of an applied plan (possibly only its first steps) and, when it was applied in full, the state it reached.</summary>
    public void Applied(string accountId, string roleName, RolePlan applied, DateTimeOffset at, string? fingerprint)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var key = RoleApplyLocks.Key(accountId, roleName);
        var previous = _entries.GetValueOrDefault(key);
        var writes = (previous?.Writes ?? RecentWrites.None).After(applied, at);
        _entries[key] = new Entry(writes, fingerprint, fingerprint is null ? null : at);
    }

    /// <summary>Whether the last state written in full to this role is <paramref name="fingerprint"/>.</summary>
    public bool WroteInFull(string accountId, string roleName, string fingerprint) =>
        _entries.TryGetValue(RoleApplyLocks.Key(accountId, roleName), out var entry) && entry.Fingerprint == fingerprint;

    /// <summary>Forgets a role (deleted, or released).</summary>
    public void Forget(string accountId, string roleName) => _entries.TryRemove(RoleApplyLocks.Key(accountId, roleName), out _);

    /// <summary>
    /// The rest of the propagation window when exactly <paramref name="fingerprint"/> was written in full
    /// less than <paramref name="window"/> before <paramref name="now"/>; null otherwise (a difference is real).
    /// </summary>
    public TimeSpan? Propagating(string accountId, string roleName, string fingerprint, DateTimeOffset now, TimeSpan window)
    {
        if (!_entries.TryGetValue(RoleApplyLocks.Key(accountId, roleName), out var entry) || entry.Fingerprint != fingerprint || entry.At is not { } at)
        {
            return null;
        }
        var left = at + window - now;
        return left > TimeSpan.Zero ? left : null;
    }

    private sealed record Entry(RecentWrites Writes, string? Fingerprint, DateTimeOffset? At);
}
