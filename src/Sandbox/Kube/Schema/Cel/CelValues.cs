using System.Text.Json;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Schema.Cel;

/// <summary>
/// Converts JSON to the values the Cel package evaluates (objects as Dictionary&lt;string, object?&gt;,
/// arrays as List&lt;object?&gt;), guided by the schema as the server is: an <c>integer</c> field is an int,
/// a <c>number</c> field a double even when written as <c>1</c>.
/// Differences from the server: <c>format: date-time</c> and <c>format: duration</c> strings stay strings
/// (the server makes them timestamp and duration values); wrap them in <c>timestamp()</c>/<c>duration()</c>.
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
                        return v.GetValue<string>();
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
}
