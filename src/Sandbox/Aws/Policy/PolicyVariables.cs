using System.Text;

namespace IrOperator.Sandbox.Aws.Policy;

/// <summary>
/// Policy variables (<c>${aws:username}</c>, <c>${aws:SourceIdentity, 'none'}</c>, and the escapes
/// <c>${*}</c>, <c>${?}</c>, <c>${$}</c>) in Resource and in string and ARN condition values, for
/// policies of Version 2012-10-17 only (older ones keep the text literally). A variable whose key is
/// missing or multi-valued and has no default makes the value match nothing, as in IAM.
/// </summary>
public static class PolicyVariables
{
    /// <summary>The value with its variables replaced, or null when a variable has no value.</summary>
    public static string? Substitute(string value, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var index = 0;
        while (index < value.Length)
        {
            var start = value.IndexOf("${", index, StringComparison.Ordinal);
            var end = start < 0 ? -1 : value.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                result.Append(value, index, value.Length - index);
                break;
            }

            result.Append(value, index, start - index);
            var resolved = Resolve(value[(start + 2)..end], context);
            if (resolved is null)
            {
                return null;
            }

            result.Append(resolved);
            index = end + 1;
        }

        return result.ToString();
    }

    private static string? Resolve(string variable, RequestContext context)
    {
        if (variable is "*" or "?" or "$")
        {
            return variable;
        }

        string? fallback = null;
        var comma = variable.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            fallback = variable[(comma + 1)..].Trim().Trim('\'');
            variable = variable[..comma];
        }

        var values = context.ValuesOf(variable.Trim());
        return values.Count == 1 ? values[0] : fallback;
    }
}
