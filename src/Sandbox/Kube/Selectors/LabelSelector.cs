using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Selectors;

/// <summary>
/// The <c>labelSelector</c> query syntax (k8s.io/apimachinery/pkg/labels): comma-separated requirements,
/// each <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> or <c>!k</c>; all must hold.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value?.ToString() ?? "";
            }
        }

        return _requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part, string whole)
    {
        var inIndex = part.IndexOf(" in ", StringComparison.Ordinal);
        var notInIndex = part.IndexOf(" notin ", StringComparison.Ordinal);
        if (notInIndex > 0)
        {
            var key = part[..notInIndex].Trim();
            var values = SetValues(part[(notInIndex + 7)..], whole);
            return labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        if (inIndex > 0)
        {
            var key = part[..inIndex].Trim();
            var values = SetValues(part[(inIndex + 4)..], whole);
            return labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }

        if (part.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = Split(part, "!=", whole);
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        if (part.Contains("==", StringComparison.Ordinal))
        {
            var (key, value) = Split(part, "==", whole);
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part.Contains('=', StringComparison.Ordinal))
        {
            var (key, value) = Split(part, "=", whole);
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part.StartsWith('!'))
        {
            var key = RequireKey(part[1..].Trim(), whole);
            return labels => !labels.ContainsKey(key);
        }

        var existsKey = RequireKey(part, whole);
        return labels => labels.ContainsKey(existsKey);
    }

    private static (string Key, string Value) Split(string part, string op, string whole)
    {
        var index = part.IndexOf(op, StringComparison.Ordinal);
        return (RequireKey(part[..index].Trim(), whole), part[(index + op.Length)..].Trim());
    }

    private static string RequireKey(string key, string whole) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '!' or '=')
            ? throw StatusObjects.BadRequest($"unable to parse requirement: invalid label selector \"{whole}\"")
            : key;

    private static HashSet<string> SetValues(string text, string whole)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('(') || !trimmed.EndsWith(')'))
        {
            throw StatusObjects.BadRequest($"unable to parse requirement: found '{trimmed}', expected: '(' in label selector \"{whole}\"");
        }

        return trimmed[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Splits on commas outside parentheses (<c>a in (x,y),b</c> is two requirements).</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
