namespace IrOperator.Iam.Policies;

/// <summary>
/// One condition clause: <c>"Condition": {Operator: {Key: Values}}</c>. Values are kept as text
/// (IAM also accepts unquoted booleans and numbers and compares their text).
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public PolicyCondition(string @operator, string key, string value)
        : this(@operator, key, [value])
    {
    }
}
