namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>The ForAnyValue: / ForAllValues: prefix of a condition operator, for multi-valued context keys.</summary>
public enum ConditionSetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}
