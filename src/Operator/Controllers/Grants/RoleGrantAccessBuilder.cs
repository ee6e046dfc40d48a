using IrOperator.Iam.Desired;
using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Computes, from Kubernetes state only, which grants a role's trust policy holds in one account and which
/// end-of-access denies its inline policy carries (docs/grants.md). The role's one apply path calls it for every
/// apply, so two grants, or a grant and a GitOps change to the role, never overwrite each other: each write is
/// the whole document computed from the cache.
/// <list type="bullet">
/// <item>Trust: grants with a fixed window (status.activatedAt, expiresAt, sourceIdentity), phase Approved or
/// Active, not revoked or being deleted, before expiresAt, that name the account.</item>
/// <item>Denies: one per source identity, ending at the latest end among that requester's activated grants there
/// (expiresAt, or endedAt when it ended earlier), so overlapping grants never cut each other; dropped once the
/// role's maxSessionDuration has passed after that end (no session issued before it can still be alive).</item>
/// <item>Room: grants already in the trust policy first, then oldest window first, are admitted while the
/// documents fit IAM's quotas; a grant that does not fit is refused, and a grant already open is never displaced
/// by a newer one.</item>
/// </list>
/// </summary>
public static class RoleGrantAccessBuilder
{
    /// <param name="inTrust">
    /// The Sids IAM last showed in the role's trust policy there: those grants keep their place ahead of any other,
    /// so a grant approved in the same second as one already open can never displace it.
    /// </param>
    /// <param name="refused">
    /// Grants (by uid) whose statement IAM refused in this role and account, with IAM's message
    /// (<see cref="GrantAccessLedger.Refused"/>): left out and reported as rejected, so the grant fails and the
    /// others are written without it.
    /// </param>
    public static RoleGrantAccess Build(
        ResponderRole role, string accountId, IEnumerable<BreakGlassGrant> grants, DateTimeOffset now, DesiredRoleOptions options,
        IReadOnlySet<string>? inTrust = null, IReadOnlyDictionary<string, string>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(options);
        var roleName = role.Metadata?.Name ?? "";
        var mine = grants.Where(g => g.Spec.Role == roleName && NamesAccount(g, accountId)).ToList();
        var maxSession = GoDuration.TryParse(role.Spec.MaxSessionDuration, out var max) ? max : TimeSpan.FromHours(12);

        var ends = Ends(mine, now, maxSession);
        var candidates = mine.Where(g => IsOpen(g, now))
            .OrderBy(g => inTrust?.Contains(Trust(g).Sid) == true ? 0 : 1)
            .ThenBy(g => g.Status!.ActivatedAt)
            .ThenBy(g => g.Metadata.Uid, StringComparer.Ordinal)
            .ToList();

        var admitted = new List<GrantTrust>();
        var rejected = new List<RejectedGrant>();
        foreach (var grant in candidates)
        {
            if (refused is not null && refused.TryGetValue(grant.Metadata.Uid ?? "", out var refusal))
            {
                rejected.Add(new RejectedGrant(grant.Metadata.Uid ?? "", grant.Metadata.NamespaceProperty ?? "", grant.Metadata.Name ?? "", refusal));
                continue;
            }
            var trust = Trust(grant);
            var attempt = new RoleAccess([.. admitted, trust], ends);
            var result = DesiredRoleBuilder.Build(role, attempt, options);
            if (result.IsValid || !DesiredRoleBuilder.Build(role, new RoleAccess(admitted, ends), options).IsValid)
            {
                // Admitted when it fits, or when the role is invalid without it too: then the role's own
                // condition reports the problem, and no grant is blamed for it.
                admitted.Add(trust);
                continue;
            }
            rejected.Add(new RejectedGrant(grant.Metadata.Uid ?? "", grant.Metadata.NamespaceProperty ?? "", grant.Metadata.Name ?? "",
                $"no room for this grant in the role's policies in account {accountId}: {result.Message}. " +
                "Other grants are untouched; wait for one to end, or raise the IAM quota (docs/grants.md, \"Trust policy capacity\")"));
        }
        return new RoleGrantAccess(new RoleAccess(admitted, ends), rejected);
    }

    /// <summary>
    /// The grant part of a role that is let go while grants may be open on it (deleted with deletionPolicy Retain):
    /// no grant trust statement, and every requester's end-of-access deny ending now at the latest, so the IAM role
    /// left behind opens nothing and cuts the sessions of grants that were open (docs/grants.md, "When the role goes").
    /// </summary>
    public static RoleAccess Closing(ResponderRole role, string accountId, IEnumerable<BreakGlassGrant> grants, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(grants);
        var roleName = role.Metadata?.Name ?? "";
        var maxSession = GoDuration.TryParse(role.Spec.MaxSessionDuration, out var max) ? max : TimeSpan.FromHours(12);
        var end = GrantTimes.Ceiling(now);
        var ends = Ends(grants.Where(g => g.Spec.Role == roleName && NamesAccount(g, accountId)), now, maxSession)
            .Select(e => e.End > end ? e with { End = end } : e)
            .ToList();
        return new RoleAccess([], ends);
    }

    /// <summary>True when the grant's trust statement belongs in the role's trust policy at <paramref name="now"/>.</summary>
    public static bool IsOpen(BreakGlassGrant grant, DateTimeOffset now)
    {
        var status = grant.Status;
        if (status is not { Phase: GrantPhase.Approved or GrantPhase.Active, SourceIdentity: not null }
            || GrantFacts.Utc(status.ActivatedAt) is null
            || GrantFacts.Utc(status.ExpiresAt) is not { } expires)
        {
            return false;
        }
        var revoked = grant.Metadata.Annotations?.ContainsKey(IrOperatorApi.RevokeAnnotation) == true;
        return !revoked && grant.Metadata.DeletionTimestamp is null && now < expires;
    }

    /// <summary>When this grant's access ends: endedAt when it ended early, else expiresAt; null if it never opened.</summary>
    public static DateTimeOffset? EndOf(BreakGlassGrant grant)
    {
        var status = grant.Status;
        if (status is null || GrantFacts.Utc(status.ActivatedAt) is null || GrantFacts.Utc(status.ExpiresAt) is not { } expires)
        {
            return null;
        }
        return GrantFacts.Utc(status.EndedAt) is { } ended && ended < expires ? ended : expires;
    }

    /// <summary>
    /// Until when the requester's end-of-access deny must stay for this grant: its end plus the role's
    /// maxSessionDuration (a session issued just before the end lives that long); null if it never opened. The
    /// deny is computed from the grants in the cache, so the grant object (its finalizer) stays until then.
    /// </summary>
    public static DateTimeOffset? DenyNeededUntil(BreakGlassGrant grant, ResponderRole? role)
    {
        if (EndOf(grant) is not { } end)
        {
            return null;
        }
        // No role, no IAM role to hold a deny; an unreadable duration counts as STS's longest.
        var maxSession = role is null ? TimeSpan.Zero : GoDuration.TryParse(role.Spec.MaxSessionDuration, out var max) ? max : TimeSpan.FromHours(12);
        return end + maxSession;
    }

    private static List<EndOfAccess> Ends(IEnumerable<BreakGlassGrant> grants, DateTimeOffset now, TimeSpan maxSession) =>
        [.. grants
            .Where(g => g.Status?.SourceIdentity is not null && EndOf(g) is not null)
            .GroupBy(g => g.Status!.SourceIdentity!, StringComparer.Ordinal)
            .Select(group => new EndOfAccess(group.Key, group.Max(g => EndOf(g)!.Value)))
            .Where(end => end.End + maxSession > now)
            .OrderBy(end => end.SourceIdentity, StringComparer.Ordinal)];

    private static GrantTrust Trust(BreakGlassGrant grant) =>
        new(grant.Metadata.Uid ?? "", grant.Spec.PrincipalArn, grant.Status!.SourceIdentity!,
            GrantFacts.Utc(grant.Status.ActivatedAt)!.Value, GrantFacts.Utc(grant.Status.ExpiresAt)!.Value);

    private static bool NamesAccount(BreakGlassGrant grant, string accountId) =>
        grant.Status?.Accounts?.Any(a => a.AccountId == accountId) == true;
}
