using System.Collections.Frozen;

namespace IrOperator.Iam.Policies;

/// <summary>
/// IAM's condition operators (reference_policies_elements_condition_operators.html), with the
/// <c>IfExists</c> suffix and the <c>ForAnyValue:</c>/<c>ForAllValues:</c> set qualifiers. Operator
/// names are case-sensitive in IAM. <c>Null</c> takes neither suffix nor qualifier.
/// </summary>
public static class ConditionOperators
{
    private const string IfExists = "IfExists";

    private static readonly FrozenSet<string> Base = new[]
    {
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rest = name;
        var qualified = false;
        foreach (var prefix in (string[])["ForAnyValue:", "ForAllValues:"])
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                rest = rest[prefix.Length..];
                qualified = true;
                break;
            }
        }

        var ifExists = false;
        if (rest.EndsWith(IfExists, StringComparison.Ordinal) && Base.Contains(rest[..^IfExists.Length]))
        {
            rest = rest[..^IfExists.Length];
            ifExists = true;
        }

        return Base.Contains(rest) && !(rest == "Null" && (ifExists || qualified));
    }

    /// <summary>Whether the operator compares dates (its values must be ISO 8601 or epoch seconds).</summary>
    public static bool IsDate(string name) => name.Contains("Date", StringComparison.Ordinal);
}
