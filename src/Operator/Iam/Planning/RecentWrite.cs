using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Planning;

/// <summary>One document the operator wrote at <see cref="At"/>: what it replaced (null: absent) and what it wrote (null: deleted).</summary>
public sealed record RecentWrite(PolicyDocument? Before, PolicyDocument? After, DateTimeOffset At);
