namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// ArnEquals/ArnLike (and the Resource element): each of the six colon-separated ARN parts is
/// matched on its own, case-sensitively, with <c>*</c> and <c>?</c>; a <c>*</c> therefore never
/// spans a colon, except inside the last part (the resource), which may contain colons.
/// A value that is not an ARN never matches.
/// </summary>
public static class ArnPattern
{
    public static bool IsMatch(string pattern, string arn)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(arn);
        if (pattern == "*")
        {
            return true;
        }

        var patternParts = pattern.Split(':', 6);
        var arnParts = arn.Split(':', 6);
        if (patternParts.Length != 6 || arnParts.Length != 6)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (!WildcardPattern.IsMatch(patternParts[i], arnParts[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }
}
