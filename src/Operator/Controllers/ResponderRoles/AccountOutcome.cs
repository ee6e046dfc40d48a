using IrOperator.Resources;

namespace IrOperator.Controllers.ResponderRoles;

/// <summary>
/// The result of working on one account: its status line, the Event to record and what changed, and what
/// the reconcile should do next for it (retry a transient failure, re-check after propagation).
/// </summary>
public sealed record AccountOutcome(string AccountId, RoleAccountState State, string? RoleArn, string Message)
{
    public AccountEvent Event { get; init; } = AccountEvent.None;

    /// <summary>The changes made (or, for NotOwned, found), in words, for the Event and the audit log.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>AWS's error code when the account failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The AWS action that failed (e.g. UpdateAssumeRolePolicy), with <see cref="ErrorCode"/>.</summary>
    public string? FailedAction { get; init; }

    /// <summary>A failure that a retry may fix (throttling, 5xx, a role not yet visible).</summary>
    public bool Retryable { get; init; }

    /// <summary>Look at this account again after this delay (propagation still in progress).</summary>
    public TimeSpan? RecheckAfter { get; init; }

    /// <summary>The account is done with (role deleted or released after leaving the selection): drop it from status.</summary>
    public bool Removed { get; init; }

    /// <summary>When the role was last brought in line (status lastSyncTime).</summary>
    public DateTime? SyncedAt { get; init; }

    /// <summary>The Sids of the trust policy the read from IAM showed, for the grants (docs/grants.md); null when the read failed.</summary>
    public IReadOnlySet<string>? VisibleTrustSids { get; init; }

    /// <summary>The Sids of the trust policy this apply wrote or is waiting to see, for the grants; null when it wrote none.</summary>
    public IReadOnlySet<string>? WrittenTrustSids { get; init; }
}
