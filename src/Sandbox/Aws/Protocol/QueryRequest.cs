using System.Globalization;

namespace IrOperator.Sandbox.Aws.Protocol;

/// <summary>
/// A query-protocol request (IAM, STS): the form fields of a POST body or the query string of a GET.
/// Lists arrive flattened as <c>Tags.member.1.Key</c>, <c>TagKeys.member.2</c>, ...
/// Field names in validation errors are AWS's camelCase member names (<c>roleName</c>).
/// </summary>
public sealed class QueryRequest(IReadOnlyDictionary<string, string> fields)
{
    public string Action => Optional("Action") ?? string.Empty;

    public string? Optional(string name) => fields.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) => Optional(name) ?? throw AwsErrors.Missing(CamelCase(name));

    public int? OptionalInt(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw AwsErrors.Validation($"1 validation error detected: Value '{text}' at '{CamelCase(name)}' failed to satisfy constraint: Member must be a number");
    }

    /// <summary>The values of a flattened list such as <c>TagKeys.member.N</c>, in N order.</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        var values = new SortedDictionary<int, string>();
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith(prefix + ".member.", StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length + 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                values[index] = value;
            }
        }

        return [.. values.Values];
    }

    /// <summary>The key/value pairs of a flattened list such as <c>Tags.member.N.Key</c>/<c>.Value</c>, in N order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string prefix)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        for (var index = 1; ; index++)
        {
            var key = Optional($"{prefix}.member.{index}.Key");
            if (key is null)
            {
                return pairs;
            }

            pairs.Add(new(key, Optional($"{prefix}.member.{index}.Value") ?? string.Empty));
        }
    }

    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
