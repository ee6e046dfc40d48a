using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// The break-glass access log entries a status change stands for (docs/grants.md, "The break-glass access log"):
/// computed from the old and the new status, so a reconcile that changes nothing records nothing, and a restart
/// does not repeat what status already shows.
/// </summary>
public static class GrantEvents
{
    public static IReadOnlyList<GrantEvent> Between(BreakGlassGrant grant, BreakGlassGrantStatus? old, BreakGlassGrantStatus now, ApprovalTally? tally)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(now);
        var events = new List<GrantEvent>();
        var spec = grant.Spec;
        if (old?.Phase is null)
        {
            events.Add(new(GrantEvent.Normal, GrantReasons.Requested,
                $"{spec.RequestedBy} requests ResponderRole {spec.Role} for {spec.Duration} as {spec.PrincipalArn} " +
                $"(incident {spec.Incident}): {spec.Reason}"));
        }

        // Ignored approvals are reported at each reconcile while the grant waits for approval, and by the reconcile
        // that ends the wait: one that arrived together with the deciding approval is still on the record. The event
        // recorder aggregates the same text into one Event with a count.
        if (tally is not null && (now.Phase == GrantPhase.Pending || old?.Phase is null or GrantPhase.Pending))
        {
            events.AddRange(tally.Ignored.Select(i => new GrantEvent(GrantEvent.Warning, GrantReasons.ApprovalIgnored, i.Why)));
        }

        // Fail closed: said once when a grant is held back, and again if it is held back anew after opening was possible.
        if (ActiveReason(now) == GrantReasons.ApprovalPolicyMissing && ActiveReason(old) != GrantReasons.ApprovalPolicyMissing)
        {
            events.Add(new(GrantEvent.Warning, GrantReasons.ApprovalPolicyMissing, Conditions(now)));
        }

        if (old?.Phase != now.Phase)
        {
            var message = Conditions(now);
            switch (now.Phase)
            {
                case GrantPhase.Approved when old?.ActivatedAt is null:
                    events.Add(new(GrantEvent.Normal, GrantReasons.Approved, message));
                    break;
                case GrantPhase.Active:
                    events.Add(new(GrantEvent.Normal, GrantReasons.Activated, message));
                    break;
                case GrantPhase.Denied:
                    events.Add(new(GrantEvent.Warning, GrantReasons.Denied, message));
                    break;
                case GrantPhase.Failed:
                    events.Add(new(GrantEvent.Warning, GrantReasons.Failed, message));
                    break;
                case GrantPhase.Expired:
                    events.Add(new(GrantEvent.Normal, GrantReasons.Expired, message));
                    break;
                case GrantPhase.Revoked:
                    events.Add(new(GrantEvent.Normal, GrantReasons.Revoked, message));
                    break;
            }
        }

        foreach (var account in now.Accounts ?? [])
        {
            var before = old?.Accounts?.FirstOrDefault(a => a.AccountId == account.AccountId);
            if (account.State == GrantAccountState.Error && (before?.State != GrantAccountState.Error || before.Message != account.Message))
            {
                events.Add(new(GrantEvent.Warning, GrantReasons.AccountFailed, $"account {account.AccountId}: {account.Message}"));
            }
        }

        if (GrantLifecycle.IsFinished(now.Phase) && now.ActivatedAt is not null && IsClean(now) && !(old is not null && GrantLifecycle.IsFinished(old.Phase) && IsClean(old)))
        {
            events.Add(new(GrantEvent.Normal, GrantReasons.Cleaned,
                $"the trust statement is gone from IAM in {(now.Accounts?.Count ?? 0)} account(s)"));
        }
        return events;
    }

    /// <summary>True when every account's statement is confirmed gone (or was refused by IAM and never written).</summary>
    public static bool IsClean(BreakGlassGrantStatus status) =>
        status.Accounts is not { Count: > 0 } accounts
        || accounts.All(a => a.State == GrantAccountState.Removed || GrantStatusProjection.IsRefusedIn(status, a));

    private static string? ActiveReason(BreakGlassGrantStatus? status) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == GrantConditions.Active)?.Reason;

    private static string Conditions(BreakGlassGrantStatus status) =>
        status.Conditions?.FirstOrDefault(c => c.Type == GrantConditions.Active)?.Message ?? status.Phase?.ToString() ?? "";
}
