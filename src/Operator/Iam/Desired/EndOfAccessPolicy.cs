using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Desired;

/// <summary>
/// The reserved inline policy holding the end-of-access denies: one statement per requester that
/// denies everything to that requester's sessions issued before the end, from the end (inclusive) on. Trust
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
                // From the end on, inclusive: aws:CurrentTime has whole seconds, so DateGreaterThan would leave the
                // whole second of the end to sessions issued inside the window (docs/grants.md, "Whole seconds").
                new("DateGreaterThanEquals", "aws:CurrentTime", time),
                // Sessions issued before the end. The trust statement refuses AssumeRole from the second of the
                // end on (DateLessThan), so a session issued at or after it belongs to a later grant of the same
                // requester, whose end this deny then already carries.
                new("DateLessThan", "aws:TokenIssueTime", time),
            ],
        };
    }
}
