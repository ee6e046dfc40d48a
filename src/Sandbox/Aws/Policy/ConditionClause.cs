namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// One operator and key of a Condition block with its values, e.g. <c>"DateLessThan": {"aws:CurrentTime": "..."}</c>.
/// Booleans and numbers in the JSON are kept as their text, as IAM compares them.
/// </summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, IReadOnlyList<string> Values);
