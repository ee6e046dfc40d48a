namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>The positive comparison of an operator; negated operators carry <see cref="ConditionOperator.Negated"/>.</summary>
public enum ConditionComparison
{
    Equals,
    EqualsIgnoreCase,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
    InRange,
    IsAbsent,
}
