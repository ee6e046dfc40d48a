using IrOperator.Resources;

namespace IrOperator.Controllers.Grants;

/// <summary>
/// Everything the lifecycle decides from: the grant as cached, its validation against the role, the counted
/// approvals (null when the role cannot be read), what the role's apply path reported per account, the time,
/// the retention of finished grants, and whether the role still carries the grant once it opened.
/// </summary>
public sealed record GrantFacts(
    BreakGlassGrant Grant,
    GrantValidation Validation,
    ApprovalTally? Approvals,
    IReadOnlyDictionary<string, AccountObservation> Accounts,
    DateTimeOffset Now,
    TimeSpan Retention,
    RoleWithdrawal? Withdrawal = null)
{
    /// <summary>The approval admission policy as last seen; null when the check is turned off (docs/approvals.md).</summary>
    public ApprovalPolicyCheck? ApprovalPolicy { get; init; }

    public BreakGlassGrantStatus Status => Grant.Status ?? new BreakGlassGrantStatus();

    public DateTimeOffset? ActivatedAt => Utc(Status.ActivatedAt);

    public DateTimeOffset? ExpiresAt => Utc(Status.ExpiresAt);

    public DateTimeOffset? EndedAt => Utc(Status.EndedAt);

    /// <summary>The accounts the grant opens: fixed in status once activated, else the validated ones.</summary>
    public IReadOnlyList<string> TargetAccounts =>
        ActivatedAt is not null && Status.Accounts is { Count: > 0 } fixedAccounts
            ? [.. fixedAccounts.Select(a => a.AccountId)]
            : Validation.Accounts ?? [];

    public AccountObservation Observed(string accountId) =>
        Accounts.TryGetValue(accountId, out var seen) ? seen : AccountObservation.Absent(accountId);

    internal static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
