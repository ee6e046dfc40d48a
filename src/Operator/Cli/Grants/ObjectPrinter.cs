using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Resources;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IrOperator.Cli.Grants;

/// <summary>
/// <c>-o json</c> and <c>-o yaml</c>: the objects exactly as the API serves them (the JSON KubernetesClient reads),
/// a list as kubectl prints one (<c>apiVersion: v1, kind: List</c>). YAML is written from that JSON, so both
/// formats carry the same fields, and strings that YAML would read as numbers (account ids) stay quoted.
/// </summary>
public static class ObjectPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Print(BreakGlassGrant grant, OutputFormat format) => Print(JsonNode.Parse(KubernetesJson.Serialize(grant))!, format);

    public static string Print(IEnumerable<BreakGlassGrant> grants, OutputFormat format)
    {
        var items = new JsonArray();
        foreach (var grant in grants)
        {
            items.Add(JsonNode.Parse(KubernetesJson.Serialize(grant)));
        }
        return Print(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items, ["metadata"] = new JsonObject() }, format);
    }

    private static string Print(JsonNode node, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            return node.ToJsonString(Indented) + "\n";
        }
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends a document with "...": kubectl does not.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var mapping = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    mapping.Add(new YamlScalarNode(key), ToYaml(value));
                }
                return mapping;
            case JsonArray array:
                var sequence = new YamlSequenceNode();
                foreach (var item in array)
                {
                    sequence.Add(ToYaml(item));
                }
                return sequence;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return new YamlScalarNode(text) { Style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
            case JsonValue value:
                return new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
        }
    }

    // A plain scalar that YAML 1.1 or 1.2 would read as something other than this string: numbers, booleans, null,
    // and (as kubectl quotes them) anything starting with a digit, such as timestamps.
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || char.IsAsciiDigit(text[0])
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        || text.ToUpperInvariant() is "TRUE" or "FALSE" or "YES" or "NO" or "ON" or "OFF" or "Y" or "N" or "NULL" or "~";
}
