using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace IrOperator.Schema.Cel;

/// <summary>
/// Converts JSON to the values the Cel package evaluates (objects as Dictionary&lt;string, object?&gt;,
/// arrays as List&lt;object?&gt;), guided by the schema as the server is: an <c>integer</c> field is an int,
/// a <c>number</c> field a double even when written as <c>1</c>.
/// As on the server, strings with <c>format: date-time</c> become timestamps and <c>format: duration</c>
/// durations (so <c>self.ttl &lt;= duration('12h')</c> works without a conversion).
/// </summary>
internal static class CelValues
{
    public static object? From(JsonNode? node, SchemaNode? schema)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    SchemaNode? child = null;
                    if (schema?.Properties is { } props && props.TryGetValue(key, out var p))
                    {
                        child = p;
                    }
                    else if (schema?.AdditionalProperties is { } additional)
                    {
                        child = additional;
                    }

                    map[key] = From(value, child);
                }

                return map;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(From(item, schema?.Items));
                }

                return list;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        return Text(v.GetValue<string>(), schema?.Format);
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Number:
                        JsonKinds.IsNumber(v, out var d);
                        if (schema?.Type == "number")
                        {
                            return d;
                        }

                        if (JsonKinds.TryGetLong(v, out var l))
                        {
                            return l;
                        }

                        return schema?.Type == "integer" && Math.Floor(d) == d ? (long)d : d;
                    default:
                        return null;
                }

            default:
                return null;
        }
    }

    private static object Text(string text, string? format) => format switch
    {
        "date-time" or "datetime" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp) => timestamp,
        "duration" when GoDuration.TryParse(text, out var duration) => Duration.FromTimeSpan(duration),
        _ => text,
    };
}
