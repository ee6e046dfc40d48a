using IrOperator.Controllers.Grants;
using IrOperator.Resources;

namespace IrOperator.Cli.Grants;

/// <summary>Facts about a grant as read from the API, shared by the verbs' checks and their printing.</summary>
public static class GrantView
{
    /// <summary>Denied, Expired, Revoked or Failed, or being deleted: nothing can open it again.</summary>
    public static bool IsEnded(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Metadata.DeletionTimestamp is not null
               || grant.Status?.Phase is GrantPhase.Denied or GrantPhase.Expired or GrantPhase.Revoked or GrantPhase.Failed;
    }

    /// <summary>Approved or Active: the window is fixed; approvals no longer matter.</summary>
    public static bool IsOpen(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return !IsEnded(grant) && grant.Status?.Phase is GrantPhase.Approved or GrantPhase.Active;
    }

    /// <summary>The phase, Pending when the operator has not written status yet.</summary>
    public static string Phase(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Metadata.DeletionTimestamp is not null && !IsEndedPhase(grant.Status?.Phase))
        {
            return "Terminating";
        }
        return (grant.Status?.Phase ?? GrantPhase.Pending).ToString();
    }

    /// <summary>Time left until expiresAt while the grant is open; null otherwise.</summary>
    public static TimeSpan? Remaining(BreakGlassGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (!IsOpen(grant) || grant.Status?.ExpiresAt is not { } expires)
        {
            return null;
        }
        var left = Utc(expires) - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The reason and message of a condition, e.g. the Approved condition's "AwaitingApproval: 0 of 1 approvals".</summary>
    public static string? ConditionText(BreakGlassGrant grant, string type)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var condition = grant.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
        return condition is null ? null : $"{condition.Reason}: {condition.Message}";
    }

    /// <summary>Why an ended grant ended, for error messages: "Expired at 2026-...Z (access ended at ...)".</summary>
    public static string EndedText(BreakGlassGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var phase = Phase(grant);
        var at = grant.Status?.EndedAt is { } ended ? $" at {GrantText.Time(ended)}" : "";
        var why = ConditionText(grant, GrantConditions.Active) ?? ConditionText(grant, GrantConditions.Approved);
        return why is null ? $"{phase}{at}" : $"{phase}{at} ({why})";
    }

    /// <summary>Kubernetes timestamps arrive as DateTime of unspecified kind; they are UTC.</summary>
    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static bool IsEndedPhase(GrantPhase? phase) => phase is GrantPhase.Denied or GrantPhase.Expired or GrantPhase.Revoked or GrantPhase.Failed;
}
