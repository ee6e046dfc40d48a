using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IrOperator.Resources;

/// <summary>
/// Reads YAML manifests the way kubectl does: YAML to JSON, then JSON to typed objects with
/// <c>KubernetesJson</c>. <c>KubernetesYaml.Deserialize</c> cannot be used for a ResponderRole with
/// inline policies: YamlDotNet knows nothing of the <c>JsonObject</c> that holds a policy document.
/// Plain scalars resolve by the YAML 1.2 core schema (null, booleans, integers, floats); quoted
/// scalars are strings, so write <c>Version: "2012-10-17"</c> and <c>"true"</c> as kubectl also needs.
/// </summary>
public static partial class Manifests
{
    /// <summary>Every non-empty document of a YAML stream, as a JSON object.</summary>
    public static IReadOnlyList<JsonObject> ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            switch (ToJson(document.RootNode))
            {
                case JsonObject obj:
                    documents.Add(obj);
                    break;
                case null:
                    break;
                default:
                    throw new FormatException($"a manifest must be a YAML mapping (line {document.RootNode.Start.Line})");
            }
        }

        return documents;
    }

    /// <summary>A ResponderRole, a BreakGlassGrant or a Namespace from its JSON, by its kind.</summary>
    public static IKubernetesObject<V1ObjectMeta> ToObject(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var json = manifest.ToJsonString();
        return (manifest["apiVersion"]?.GetValue<string>(), manifest["kind"]?.GetValue<string>()) switch
        {
            (IrOperatorApi.ApiVersion, IrOperatorApi.ResponderRoleKind) => KubernetesJson.Deserialize<ResponderRole>(json),
            (IrOperatorApi.ApiVersion, IrOperatorApi.BreakGlassGrantKind) => KubernetesJson.Deserialize<BreakGlassGrant>(json),
            ("v1", "Namespace") => KubernetesJson.Deserialize<V1Namespace>(json),
            var (apiVersion, kind) => throw new NotSupportedException($"apiVersion {apiVersion}, kind {kind}: not a manifest IrOperator reads"),
        };
    }

    /// <summary>All objects of a YAML stream.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Read(string yaml) => ParseYaml(yaml).Select(ToObject).ToList();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new FormatException($"unsupported YAML node at line {node.Start.Line}"),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new FormatException($"a mapping key must be a string (line {key.Start.Line})");
            }

            if (obj.ContainsKey(name))
            {
                throw new FormatException($"duplicate key \"{name}\" (line {key.Start.Line})");
            }

            obj[name] = ToJson(value);
        }

        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
