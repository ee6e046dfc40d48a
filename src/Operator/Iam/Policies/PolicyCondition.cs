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

    /// <summary>Structural equality (values in the same order); documents compare semantically.</summary>
    public bool Equals(PolicyCondition? other) =>
        other is not null && Operator == other.Operator && Key == other.Key && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Operator, StringComparer.Ordinal);
        hash.Add(Key, StringComparer.Ordinal);
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
