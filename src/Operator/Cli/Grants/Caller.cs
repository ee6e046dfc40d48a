namespace IrOperator.Cli.Grants;

/// <summary>
/// Who the API server says the caller is (SelfSubjectReview): the name and groups the admission policy sees
/// in <c>request.userInfo</c>, so the approval the CLI writes is exactly the one the policy admits
/// (docs/approvals.md).
/// </summary>
public sealed record Caller(string Username, IReadOnlyList<string> Groups)
{
    public override string ToString() =>
        Groups.Count == 0 ? Username : $"{Username} (groups: {string.Join(", ", Groups)})";
}
