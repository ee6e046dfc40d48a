using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Desired;

/// <summary>
/// The reserved inline policy holding the end-of-access denies: one statement per requester that
/// denies everything to that requester's sessions issued before the end, from the end on. Trust
/// removal only stops new AssumeRole calls; this deny is what ends sessions already issued. Absent
/// when there is nothing to deny. See docs/iam-model.md.
/// </summary>
public static class EndOfAccessPolicy
{
    public const string Name = "iroperator-end-of-access";

    public static PolicyDocument? Build(IEnumerable<EndOfAccess> ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        var statements = ends
            .GroupBy(end => end.SourceIdentity, StringComparer.Ordinal)
            .Select(group => group.MaxBy(end => end.End)!)
            .OrderBy(end => end.Sid, StringComparer.Ordinal)
            .Select(Statement)
            .ToList();
        return statements.Count == 0 ? null : new PolicyDocument(statements);
    }

    public static PolicyStatement Statement(EndOfAccess end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var time = TrustPolicies.FormatTime(end.End);
        return new PolicyStatement
        {
            Sid = end.Sid,
            Effect = PolicyEffect.Deny,
            Action = ["*"],
            Resource = ["*"],
            Condition =
            [
                new("StringEquals", "aws:SourceIdentity", end.SourceIdentity),
                new("DateGreaterThan", "aws:CurrentTime", time),
                new("DateLessThan", "aws:TokenIssueTime", time),
            ],
        };
    }
}
