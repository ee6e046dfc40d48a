namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>How a condition operator reads its values.</summary>
public enum ConditionCategory
{
    String,
    Arn,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Null,
}
