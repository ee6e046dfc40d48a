using System.Globalization;
using System.Net;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Evaluates one condition clause against the request context, with IAM's rules:
/// <list type="bullet">
/// <item>several values in the policy are OR'ed; a negated operator (StringNotEquals, ArnNotLike,
/// DateNotEquals, NotIpAddress ...) is true when no value matches (NOR);</item>
/// <item>a key missing from the request makes a positive operator false and a negated one true,
/// except that ...IfExists is then true, and Null tests exactly that absence;</item>
/// <item>ForAnyValue: is true when some request value matches (false when the key is missing or
/// empty); ForAllValues: when every request value matches (true when missing or empty); without
/// a qualifier a multi-valued key behaves as ForAnyValue for a positive operator.</item>
/// </list>
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// and reference_policies_condition-single-vs-multi-valued-context-keys.html.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Evaluate(ConditionClause clause, RequestContext context, bool substituteVariables = true)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(context);
        var op = clause.Operator;
        var requestValues = context.ValuesOf(clause.Key);
        var present = requestValues.Count > 0;
        if (op.Category == ConditionCategory.Null)
        {
            return clause.Values.Any(v => bool.TryParse(v, out var wantsAbsent) && wantsAbsent != present);
        }

        if (!present)
        {
            return op.IfExists || op.Qualifier switch
            {
                ConditionSetQualifier.ForAllValues => true,
                ConditionSetQualifier.ForAnyValue => false,
                _ => op.Negated,
            };
        }

        var policyValues = PolicyValues(clause, context, substituteVariables);
        bool Positive(string requestValue) => policyValues.Any(p => p is not null && Matches(op, requestValue, p));

        return op.Qualifier switch
        {
            ConditionSetQualifier.ForAllValues => op.Negated ? requestValues.All(v => !Positive(v)) : requestValues.All(Positive),
            ConditionSetQualifier.ForAnyValue => op.Negated ? requestValues.Any(v => !Positive(v)) : requestValues.Any(Positive),
            _ => op.Negated ? !requestValues.Any(Positive) : requestValues.Any(Positive),
        };
    }

    private static IEnumerable<string?> PolicyValues(ConditionClause clause, RequestContext context, bool substituteVariables) =>
        substituteVariables && clause.Operator.Category is ConditionCategory.String or ConditionCategory.Arn
            ? clause.Values.Select(v => PolicyVariables.Substitute(v, context))
            : clause.Values;

    private static bool Matches(ConditionOperator op, string requestValue, string policyValue) => op.Category switch
    {
        ConditionCategory.String => op.Comparison switch
        {
            ConditionComparison.Like => WildcardPattern.IsMatch(policyValue, requestValue, ignoreCase: false),
            ConditionComparison.EqualsIgnoreCase => string.Equals(requestValue, policyValue, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(requestValue, policyValue, StringComparison.Ordinal),
        },
        ConditionCategory.Arn => ArnPattern.IsMatch(policyValue, requestValue),
        ConditionCategory.Numeric => TryNumber(requestValue, out var a) && TryNumber(policyValue, out var b) && Holds(a.CompareTo(b), op.Comparison),
        ConditionCategory.Date => PolicyDate.TryParse(requestValue, out var c) && PolicyDate.TryParse(policyValue, out var d) && Holds(c.CompareTo(d), op.Comparison),
        ConditionCategory.Bool => bool.TryParse(requestValue, out var e) && bool.TryParse(policyValue, out var f) && e == f,
        ConditionCategory.Binary => string.Equals(requestValue, policyValue, StringComparison.Ordinal),
        ConditionCategory.IpAddress => InRange(requestValue, policyValue),
        _ => false,
    };

    private static bool Holds(int comparison, ConditionComparison wanted) => wanted switch
    {
        ConditionComparison.LessThan => comparison < 0,
        ConditionComparison.LessThanEquals => comparison <= 0,
        ConditionComparison.GreaterThan => comparison > 0,
        ConditionComparison.GreaterThanEquals => comparison >= 0,
        _ => comparison == 0,
    };

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // IAM accepts a CIDR block or a single address; a block with host bits set (203.0.113.7/24) is
    // read as its network, which .NET's IPNetwork.TryParse would refuse, so the prefix is compared here.
    private static bool InRange(string requestValue, string policyValue)
    {
        var slash = policyValue.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(requestValue, out var address)
            || !IPAddress.TryParse(slash < 0 ? policyValue : policyValue[..slash], out var network)
            || address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var addressBytes = address.GetAddressBytes();
        var networkBytes = network.GetAddressBytes();
        var prefix = addressBytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(policyValue.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > addressBytes.Length * 8))
        {
            return false;
        }

        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((addressBytes[bit / 8] & mask) != (networkBytes[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
