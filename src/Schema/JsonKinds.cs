using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// Classifies JSON values the way the API server's decoder does: integers are int64 when the literal
/// fits, other numbers are float64.
/// </summary>
internal static class JsonKinds
{
    /// <summary>The OpenAPI type name of a value: object, array, string, boolean, integer, number or null.</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryGetLong(v, out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    public static bool IsNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            value = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>True for a number with an integral value (1 and 1.0 both count, as for the server).</summary>
    public static bool IsInteger(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
        (TryGetLong(v, out _) || (IsNumber(node, out var d) && Math.Floor(d) == d && !double.IsInfinity(d)));

    public static bool TryGetLong(JsonValue value, out long result) =>
        long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    /// <summary>A scalar as a plain CLR value (string, long, double, bool) for error messages; composites as their JSON.</summary>
    public static object? Plain(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        return v.GetValue<string>();
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Number:
                        if (TryGetLong(v, out var l))
                        {
                            return l;
                        }

                        IsNumber(v, out var d);
                        return d;
                    default:
                        return null;
                }

            default:
                return node.ToJsonString();
        }
    }
}
