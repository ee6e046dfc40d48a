namespace IrOperator.Controllers.Grants;

/// <summary>
/// IAM's <c>ArnLike</c> matching, used for <c>breakGlass.allowedPrincipals</c>: the six colon-separated parts of
/// an ARN are compared one by one, each may use <c>*</c> (any run of characters) and <c>?</c> (one character),
/// and a wildcard never crosses a colon (IAM User Guide, "Amazon Resource Name (ARN) condition operators").
/// Case-sensitive, as ARN conditions are.
/// </summary>
public static class ArnPattern
{
    /// <summary>True when <paramref name="arn"/> (taken literally) matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string arn)
    {
        var patternParts = Split(pattern);
        var arnParts = Split(arn);
        if (patternParts is null || arnParts is null)
        {
            return false;
        }
        for (var i = 0; i < patternParts.Length; i++)
        {
            if (!Glob(patternParts[i], arnParts[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when every principal the grant's <paramref name="principal"/> can stand for matches
    /// <paramref name="pattern"/>. A grant's principal is a literal ARN, or an Identity Center pattern whose only
    /// wildcard is a trailing <c>*</c>; such a pattern is covered only by an allowed pattern that ends in <c>*</c>
    /// and matches the principal's fixed prefix (then any suffix the role may get is matched by that last
    /// <c>*</c>). Sound, not complete: an unusual pattern that would cover it some other way is refused.
    /// </summary>
    public static bool Covers(string pattern, string principal)
    {
        if (!principal.EndsWith('*'))
        {
            return !principal.Contains('?', StringComparison.Ordinal) && Matches(pattern, principal);
        }
        var prefix = principal[..^1];
        return !prefix.Contains('*', StringComparison.Ordinal) && !prefix.Contains('?', StringComparison.Ordinal)
            && pattern.EndsWith('*') && Matches(pattern, prefix);
    }

    // arn:partition:service:region:account:resource; the resource keeps any further colons (role paths have none,
    // but IAM splits into six and leaves the rest to the last part).
    private static string[]? Split(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" ? parts : null;
    }

    // Iterative glob with backtracking to the last '*': linear in practice, no regex built from user input.
    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]) && pattern[p] != '*')
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
