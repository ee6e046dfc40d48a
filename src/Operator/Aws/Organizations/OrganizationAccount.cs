namespace IrOperator.Aws.Organizations;

/// <summary>An account as Organizations describes it.</summary>
/// <param name="State">The account's <c>State</c> (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION), if sent.</param>
/// <param name="Status">The older <c>Status</c> field, which AWS retires on 9 September 2026.</param>
public sealed record OrganizationAccount(string Id, string Arn, string Name, string Email, string? State, string? Status)
{
    public const string Active = "ACTIVE";

    /// <summary>Prefers <c>State</c>; falls back to <c>Status</c> for services (or emulators) that predate it.</summary>
    public bool IsActive => string.Equals(State ?? Status, Active, StringComparison.Ordinal);
}
