using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// The JSONPath subset printer columns use (the server accepts only "simple" paths there):
/// <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c>, <c>.a['key.with.dots']</c>, <c>.a["key"]</c>.
/// </summary>
public sealed class SimpleJsonPath
{
    private readonly IReadOnlyList<Step> _steps;

    private SimpleJsonPath(IReadOnlyList<Step> steps) => _steps = steps;

    public static SimpleJsonPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end > i + 1)
                {
                    steps.Add(new Step(text[(i + 1)..end], null, false));
                }

                i = end;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"unclosed [ in JSONPath {path}");
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner == "*")
                {
                    steps.Add(new Step(null, null, true));
                }
                else if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(new Step(inner[1..^1], null, false));
                }
                else if (int.TryParse(inner, out var index))
                {
                    steps.Add(new Step(null, index, false));
                }
                else
                {
                    throw new FormatException($"unsupported JSONPath subscript [{inner}] in {path}");
                }

                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSONPath {path} must start with '.'");
            }
        }

        return new SimpleJsonPath(steps);
    }

    /// <summary>All values the path reaches, in document order; empty when it reaches none.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(step.Apply).ToList();
        }

        return current.ToList();
    }

    private sealed record Step(string? Name, int? Index, bool Wildcard)
    {
        public IEnumerable<JsonNode?> Apply(JsonNode? node)
        {
            if (Name is not null)
            {
                return node is JsonObject o && o.TryGetPropertyValue(Name, out var v) ? [v] : [];
            }

            if (Index is { } index)
            {
                if (node is not JsonArray a)
                {
                    return [];
                }

                var at = index < 0 ? a.Count + index : index;
                return at >= 0 && at < a.Count ? [a[at]] : [];
            }

            return node switch
            {
                JsonArray array => array,
                JsonObject obj => obj.Select(kv => kv.Value),
                _ => [],
            };
        }
    }
}
