using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Selectors;

/// <summary>
/// The <c>fieldSelector</c> query: comma-separated <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c> over the fields the resource declares selectable (<see cref="SelectableFields"/>);
/// any other field is refused with the server's 400.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<Func<JsonObject, bool>> _requirements;

    private FieldSelector(IReadOnlyList<Func<JsonObject, bool>> requirements) => _requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <param name="selectable">Selectable field name to the JSON path it reads (e.g. <c>source</c> reads <c>source.component</c>).</param>
    public static FieldSelector Parse(string? text, IReadOnlyDictionary<string, string> selectable)
    {
        ArgumentNullException.ThrowIfNull(selectable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<JsonObject, bool>>();
        foreach (var part in text.Split(','))
        {
            var negate = part.Contains("!=", StringComparison.Ordinal);
            var op = negate ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var index = part.IndexOf(op, StringComparison.Ordinal);
            if (index <= 0)
            {
                throw StatusObjects.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var field = part[..index].Trim();
            var value = part[(index + op.Length)..].Trim();
            if (!selectable.TryGetValue(field, out var path))
            {
                throw StatusObjects.BadRequest($"\"{field}\" is not a known field selector: only {string.Join(", ", selectable.Keys.Select(k => $"\"{k}\""))}");
            }

            var steps = path.Split('.');
            requirements.Add(obj => Read(obj, steps) == value ^ negate);
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonObject obj) => _requirements.All(r => r(obj));

    /// <summary>A missing field reads as the empty string, as the server's field sets do.</summary>
    private static string Read(JsonObject obj, string[] steps)
    {
        JsonNode? node = obj;
        foreach (var step in steps)
        {
            node = node is JsonObject o ? o[step] : null;
        }

        return node is JsonValue v ? v.ToString() : "";
    }
}
