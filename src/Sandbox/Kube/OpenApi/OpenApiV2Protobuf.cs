using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>
/// Encodes a Swagger 2.0 document as gnostic's <c>openapi.v2.Document</c> protobuf (field numbers of
/// github.com/google/gnostic openapiv2/OpenAPIv2.proto), the only form client-go's
/// <c>OpenAPISchema()</c> reads. Only what <see cref="OpenApiV2Builder"/> produces is written: swagger,
/// info, an empty paths object and the definitions' schemas. Defaults, enums, examples and vendor
/// extensions are <c>Any</c> values carried as YAML text (JSON is YAML), as kube-openapi reads them.
/// </summary>
public static class OpenApiV2Protobuf
{
    public static byte[] Encode(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Message(o =>
        {
            String(o, 1, Text(document["swagger"]));
            Nested(o, 2, Message(info =>
            {
                String(info, 1, Text(document["info"]?["title"]));
                String(info, 2, Text(document["info"]?["version"]));
            }));
            Nested(o, 8, []);
            Nested(o, 9, Message(definitions =>
            {
                foreach (var (name, schema) in document["definitions"] as JsonObject ?? [])
                {
                    Nested(definitions, 1, NamedSchema(name, schema));
                }
            }));
        });
    }

    private static byte[] NamedSchema(string name, JsonNode? schema) => Message(o =>
    {
        String(o, 1, name);
        Nested(o, 2, Schema(schema as JsonObject ?? []));
    });

    private static byte[] Schema(JsonObject schema) => Message(o =>
    {
        String(o, 1, Text(schema["$ref"]));
        String(o, 2, Text(schema["format"]));
        String(o, 3, Text(schema["title"]));
        String(o, 4, Text(schema["description"]));
        if (schema["default"] is { } defaultValue)
        {
            Nested(o, 5, Any(defaultValue));
        }

        Double(o, 6, schema["multipleOf"]);
        Double(o, 7, schema["maximum"]);
        Bool(o, 8, schema["exclusiveMaximum"]);
        Double(o, 9, schema["minimum"]);
        Bool(o, 10, schema["exclusiveMinimum"]);
        Int64(o, 11, schema["maxLength"]);
        Int64(o, 12, schema["minLength"]);
        String(o, 13, Text(schema["pattern"]));
        Int64(o, 14, schema["maxItems"]);
        Int64(o, 15, schema["minItems"]);
        Bool(o, 16, schema["uniqueItems"]);
        Int64(o, 17, schema["maxProperties"]);
        Int64(o, 18, schema["minProperties"]);
        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            String(o, 19, Text(required), always: true);
        }

        foreach (var value in schema["enum"] as JsonArray ?? [])
        {
            Nested(o, 20, Any(value));
        }

        switch (schema["additionalProperties"])
        {
            case JsonObject additional:
                Nested(o, 21, Message(item => Nested(item, 1, Schema(additional))));
                break;
            case JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                Nested(o, 21, Message(item =>
                {
                    item.WriteTag(2, WireFormat.WireType.Varint);
                    item.WriteBool(flag.GetValue<bool>());
                }));
                break;
        }

        if (Text(schema["type"]) is { Length: > 0 } type)
        {
            Nested(o, 22, Message(item => String(item, 1, type)));
        }

        if (schema["items"] is JsonObject items)
        {
            Nested(o, 23, Message(item => Nested(item, 1, Schema(items))));
        }

        foreach (var part in schema["allOf"] as JsonArray ?? [])
        {
            Nested(o, 24, Schema(part as JsonObject ?? []));
        }

        if (schema["properties"] is JsonObject properties)
        {
            // Written even when empty: kube-openapi tells an object kind from a map by its presence.
            Nested(o, 25, Message(item =>
            {
                foreach (var (name, property) in properties)
                {
                    Nested(item, 1, NamedSchema(name, property));
                }
            }));
        }

        if (schema["example"] is { } example)
        {
            Nested(o, 30, Any(example));
        }

        foreach (var (key, value) in schema)
        {
            if (key.StartsWith("x-", StringComparison.Ordinal) && value is not null)
            {
                Nested(o, 31, Message(named =>
                {
                    String(named, 1, key);
                    Nested(named, 2, Any(value));
                }));
            }
        }
    });

    /// <summary>gnostic's Any: the value as YAML text in field 2.</summary>
    private static byte[] Any(JsonNode? value) => Message(o => String(o, 2, value?.ToJsonString() ?? "null", always: true));

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Nested(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void String(CodedOutputStream o, int field, string value, bool always = false)
    {
        if (value.Length == 0 && !always)
        {
            return;
        }

        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    private static void Double(CodedOutputStream o, int field, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            o.WriteTag(field, WireFormat.WireType.Fixed64);
            o.WriteDouble(v.GetValue<double>());
        }
    }

    private static void Int64(CodedOutputStream o, int field, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt64((long)v.GetValue<double>());
        }
    }

    private static void Bool(CodedOutputStream o, int field, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.True)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteBool(true);
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
