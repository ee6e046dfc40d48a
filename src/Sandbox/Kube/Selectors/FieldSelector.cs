using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Selectors;

/// <summary>
/// The <c>fieldSelector</c> query: <c>metadata.name</c> and <c>metadata.namespace</c> with <c>=</c>,
/// <c>==</c> or <c>!=</c>, the fields every resource (custom ones included) supports. Other fields are
/// refused with the server's 400.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<Func<JsonObject, bool>> _requirements;

    private FieldSelector(IReadOnlyList<Func<JsonObject, bool>> requirements) => _requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector Parse(string? text)
    {
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
            var property = field switch
            {
                "metadata.name" => "name",
                "metadata.namespace" => "namespace",
                _ => throw StatusObjects.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""),
            };
            requirements.Add(obj => (obj["metadata"]?[property]?.GetValue<string>() ?? "") == value ^ negate);
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonObject obj) => _requirements.All(r => r(obj));
}
