namespace IrOperator.Controllers.Grants;

/// <summary>
/// What the role's one apply path reports for a grant in one account: the state of its trust statement and,
/// if the last apply failed, the AWS error code and message. <see cref="Terminal"/> marks errors retrying cannot
/// fix for this grant (the trust policy has no room for it, MalformedPolicyDocument, LimitExceeded).
/// </summary>
public sealed record AccountObservation(string AccountId, StatementState Statement, string? Error = null, bool Terminal = false)
{
    public static AccountObservation Absent(string accountId) => new(accountId, StatementState.Absent);
}
