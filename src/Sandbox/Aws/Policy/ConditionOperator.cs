using System.Collections.Frozen;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// A parsed condition operator such as <c>ForAnyValue:StringLikeIfExists</c>: its category, its
/// positive comparison, whether it is negated (StringNotEquals, ArnNotLike, NotIpAddress ...), the
/// IfExists suffix and the set qualifier. Operator names are case-sensitive, as in IAM.
/// </summary>
public sealed record ConditionOperator(
    string Name,
    ConditionCategory Category,
    ConditionComparison Comparison,
    bool Negated,
    bool IfExists,
    ConditionSetQualifier Qualifier)
{
    private const string IfExistsSuffix = "IfExists";
    private const string ForAnyValuePrefix = "ForAnyValue:";
    private const string ForAllValuesPrefix = "ForAllValues:";

    private static readonly FrozenDictionary<string, (ConditionCategory Category, ConditionComparison Comparison, bool Negated)> BaseOperators =
        new Dictionary<string, (ConditionCategory, ConditionComparison, bool)>(StringComparer.Ordinal)
        {
            ["StringEquals"] = (ConditionCategory.String, ConditionComparison.Equals, false),
            ["StringNotEquals"] = (ConditionCategory.String, ConditionComparison.Equals, true),
            ["StringEqualsIgnoreCase"] = (ConditionCategory.String, ConditionComparison.EqualsIgnoreCase, false),
            ["StringNotEqualsIgnoreCase"] = (ConditionCategory.String, ConditionComparison.EqualsIgnoreCase, true),
            ["StringLike"] = (ConditionCategory.String, ConditionComparison.Like, false),
            ["StringNotLike"] = (ConditionCategory.String, ConditionComparison.Like, true),
            // IAM documents ArnEquals and ArnLike as the same test (wildcards per ARN component).
            ["ArnEquals"] = (ConditionCategory.Arn, ConditionComparison.Like, false),
            ["ArnLike"] = (ConditionCategory.Arn, ConditionComparison.Like, false),
            ["ArnNotEquals"] = (ConditionCategory.Arn, ConditionComparison.Like, true),
            ["ArnNotLike"] = (ConditionCategory.Arn, ConditionComparison.Like, true),
            ["NumericEquals"] = (ConditionCategory.Numeric, ConditionComparison.Equals, false),
            ["NumericNotEquals"] = (ConditionCategory.Numeric, ConditionComparison.Equals, true),
            ["NumericLessThan"] = (ConditionCategory.Numeric, ConditionComparison.LessThan, false),
            ["NumericLessThanEquals"] = (ConditionCategory.Numeric, ConditionComparison.LessThanEquals, false),
            ["NumericGreaterThan"] = (ConditionCategory.Numeric, ConditionComparison.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (ConditionCategory.Numeric, ConditionComparison.GreaterThanEquals, false),
            ["DateEquals"] = (ConditionCategory.Date, ConditionComparison.Equals, false),
            ["DateNotEquals"] = (ConditionCategory.Date, ConditionComparison.Equals, true),
            ["DateLessThan"] = (ConditionCategory.Date, ConditionComparison.LessThan, false),
            ["DateLessThanEquals"] = (ConditionCategory.Date, ConditionComparison.LessThanEquals, false),
            ["DateGreaterThan"] = (ConditionCategory.Date, ConditionComparison.GreaterThan, false),
            ["DateGreaterThanEquals"] = (ConditionCategory.Date, ConditionComparison.GreaterThanEquals, false),
            ["Bool"] = (ConditionCategory.Bool, ConditionComparison.Equals, false),
            ["BinaryEquals"] = (ConditionCategory.Binary, ConditionComparison.Equals, false),
            ["IpAddress"] = (ConditionCategory.IpAddress, ConditionComparison.InRange, false),
            ["NotIpAddress"] = (ConditionCategory.IpAddress, ConditionComparison.InRange, true),
            ["Null"] = (ConditionCategory.Null, ConditionComparison.IsAbsent, false),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Parses an operator name; an unknown one is a syntax error in IAM.</summary>
    public static ConditionOperator Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rest = name;
        var qualifier = ConditionSetQualifier.None;
        if (rest.StartsWith(ForAnyValuePrefix, StringComparison.Ordinal))
        {
            qualifier = ConditionSetQualifier.ForAnyValue;
            rest = rest[ForAnyValuePrefix.Length..];
        }
        else if (rest.StartsWith(ForAllValuesPrefix, StringComparison.Ordinal))
        {
            qualifier = ConditionSetQualifier.ForAllValues;
            rest = rest[ForAllValuesPrefix.Length..];
        }

        var ifExists = false;
        if (rest.EndsWith(IfExistsSuffix, StringComparison.Ordinal) && BaseOperators.ContainsKey(rest[..^IfExistsSuffix.Length]))
        {
            ifExists = true;
            rest = rest[..^IfExistsSuffix.Length];
        }

        if (!BaseOperators.TryGetValue(rest, out var shape))
        {
            throw new MalformedPolicyException(PolicyMessages.SyntaxErrors);
        }

        // Null tests presence itself: NullIfExists and a set qualifier on Null mean nothing, and IAM refuses them.
        if (shape.Category == ConditionCategory.Null && (ifExists || qualifier != ConditionSetQualifier.None))
        {
            throw new MalformedPolicyException(PolicyMessages.SyntaxErrors);
        }

        return new ConditionOperator(name, shape.Category, shape.Comparison, shape.Negated, ifExists, qualifier);
    }
}
