using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Schema;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// Turns a column's JSONPath result into a cell as apiextensions-apiserver's tableconvertor does:
/// typed cells for integer/number/boolean, a humanized age for date, Go's fmt text for string
/// (so a list prints as <c>[a b]</c>), null when the value is absent or of the wrong type.
/// </summary>
internal static class TableCells
{
    public static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        switch (type)
        {
            case "string":
                return GoPrint(value);
            case "integer" when JsonKinds.IsNumber(value, out var number):
                return JsonValue.Create((long)Math.Truncate(number));
            case "number" when JsonKinds.IsNumber(value, out var number):
                return JsonValue.Create(number);
            case "boolean" when JsonKinds.IsBoolean(value):
                return JsonValue.Create(value.GetValue<bool>());
            case "date" when JsonKinds.IsString(value, out var text):
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
                    ? Age(timestamp, now)
                    : "<invalid>";
            default:
                return null;
        }
    }

    /// <summary>metatable.ConvertToHumanReadableDateType.</summary>
    public static string Age(DateTimeOffset timestamp, DateTimeOffset now) =>
        timestamp == default ? "<unknown>" : HumanDuration.Format(now - timestamp);

    /// <summary>Go's fmt.Fprint of a decoded JSON value.</summary>
    public static string GoPrint(JsonNode? value) => value switch
    {
        null => "<nil>",
        JsonArray array => "[" + string.Join(" ", array.Select(GoPrint)) + "]",
        JsonObject obj => "map[" + string.Join(" ", obj.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{GoPrint(kv.Value)}")) + "]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => JsonKinds.Plain(v) is long l ? l.ToString(CultureInfo.InvariantCulture) : GoFormat.Number((double)JsonKinds.Plain(v)!),
            _ => "<nil>",
        },
        _ => "<nil>",
    };
}
