using IrOperator.Iam.Desired;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Ending access is urgent work (docs/grants.md, "Ending access on time"): the role's apply path removes a grant's
/// statement at expiresAt on a timer of its own, and a revoked or deleted grant whose statement the role still holds
/// enqueues its role ahead of ordinary work, so neither waits for a grant status write or behind activation work.
/// </summary>
public static class AccessEnds
{
    /// <summary>The earliest end among the grants admitted to a role's trust in one account, or null.</summary>
    public static DateTimeOffset? Next(RoleAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Grants.Count == 0 ? null : access.Grants.Min(g => g.ExpiresAt);
    }

    /// <summary>
    /// True when the grant opened, is no longer open (revoked, deleted, expired), and the role's apply path last
    /// reported its statement written or visible in one of its accounts (or, before any report of the role there, the
    /// grant's status does not show the account Removed): removing it is urgent.
    /// </summary>
    public static bool IsClosing(BreakGlassGrant grant, GrantAccessLedger ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(ledger);
        if (grant.Status?.ActivatedAt is null || RoleGrantAccessBuilder.IsOpen(grant, now))
        {
            return false;
        }
        var sid = "IrGrant" + ShortHash.Of(grant.Metadata.Uid ?? "");
        // A process that has no report of the role there yet (a new leader; every report carries the access key of
        // what was applied) goes by the grant's status instead.
        return (grant.Status.Accounts ?? []).Any(a => ledger.AccessKey(grant.Spec.Role, a.AccountId) is null
            ? a.State != GrantAccountState.Removed
            : ledger.InTrust(grant.Spec.Role, a.AccountId).Contains(sid));
    }

    /// <summary>The grant's expiresAt while it is open (its statement belongs in the trust policy), else null.</summary>
    public static DateTimeOffset? EndOfOpen(BreakGlassGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return RoleGrantAccessBuilder.IsOpen(grant, now) ? GrantFacts.Utc(grant.Status?.ExpiresAt) : null;
    }
}
