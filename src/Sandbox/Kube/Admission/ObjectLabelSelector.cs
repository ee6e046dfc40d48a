using System.Text.Json.Nodes;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Server;

namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>
/// A <c>metav1.LabelSelector</c> as written in an object (<c>matchLabels</c> and <c>matchExpressions</c>
/// with In, NotIn, Exists, DoesNotExist), as policies' namespaceSelector and objectSelector use it.
/// An empty selector matches everything.
/// </summary>
public sealed class ObjectLabelSelector
{
    private static readonly string[] Operators = ["DoesNotExist", "Exists", "In", "NotIn"];

    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private ObjectLabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static ObjectLabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses a selector; malformed parts are reported under <paramref name="path"/>.</summary>
    public static ObjectLabelSelector Parse(JsonNode? node, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (node is not JsonObject selector)
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            var wanted = ObjectMetadata.Text(value);
            requirements.Add(labels => labels.TryGetValue(key, out var v) && v == wanted);
        }

        var expressions = selector["matchExpressions"] as JsonArray ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var expression = expressions[i] as JsonObject ?? [];
            var key = ObjectMetadata.Text(expression["key"]);
            var op = ObjectMetadata.Text(expression["operator"]);
            var values = (expression["values"] as JsonArray ?? []).Select(ObjectMetadata.Text).ToHashSet(StringComparer.Ordinal);
            var at = $"{path}.matchExpressions[{i}]";
            switch (op)
            {
                case "In" or "NotIn" when values.Count == 0:
                    errors.Add(FieldError.Required($"{at}.values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist" when values.Count > 0:
                    errors.Add(FieldError.Forbidden($"{at}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                case "In":
                    requirements.Add(labels => labels.TryGetValue(key, out var v) && values.Contains(v));
                    break;
                case "NotIn":
                    requirements.Add(labels => !labels.TryGetValue(key, out var v) || !values.Contains(v));
                    break;
                case "Exists":
                    requirements.Add(labels => labels.ContainsKey(key));
                    break;
                case "DoesNotExist":
                    requirements.Add(labels => !labels.ContainsKey(key));
                    break;
                default:
                    errors.Add(FieldError.NotSupported($"{at}.operator", op, Operators));
                    break;
            }
        }

        return new ObjectLabelSelector(requirements);
    }

    /// <summary>Whether the object's labels satisfy the selector; no object matches only the empty selector.</summary>
    public bool Matches(JsonObject? obj)
    {
        if (obj is null)
        {
            return IsEmpty;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj["metadata"]?["labels"] as JsonObject ?? [])
        {
            labels[key] = ObjectMetadata.Text(value);
        }

        return _requirements.All(r => r(labels));
    }
}
