using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Schema;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// The server's ObjectMeta rules for every kind (k8s.io/apimachinery ValidateObjectMeta and
/// util/validation): label keys are qualified names (optional DNS-subdomain prefix of at most 253
/// characters, name part of at most 63), label values at most 63 characters of the label alphabet;
/// annotation keys are qualified names (case-insensitive) and all annotations together at most 256 KiB;
/// finalizers are qualified names. Unknown metadata fields are pruned (and reported per fieldValidation),
/// as the decoder does. See docs/kube-emulator.md.
/// </summary>
internal static partial class MetadataValidation
{
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    };

    /// <summary>Removes metadata fields ObjectMeta does not have; returns their paths (<c>metadata.foo</c>).</summary>
    public static List<string> PruneUnknownFields(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            return [];
        }

        var unknown = metadata.Select(p => p.Key).Where(k => !KnownFields.Contains(k)).ToList();
        foreach (var key in unknown)
        {
            metadata.Remove(key);
        }

        return unknown.Select(k => $"metadata.{k}").ToList();
    }

    /// <summary>The field errors of labels, annotations and finalizers, in the server's words; keys in order.</summary>
    public static List<FieldError> Validate(ResourceType type, JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(metadata);
        var errors = new List<FieldError>();
        foreach (var (key, value) in StringMap(type, metadata, "labels").OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errors.AddRange(QualifiedNameErrors(key).Select(m => FieldError.Invalid("metadata.labels", key, m)));
            errors.AddRange(LabelValueErrors(value).Select(m => FieldError.Invalid("metadata.labels", value, m)));
        }

        var annotations = StringMap(type, metadata, "annotations");
        foreach (var key in annotations.Keys.Order(StringComparer.Ordinal))
        {
            // The rule is a qualified name except that case does not matter.
            errors.AddRange(QualifiedNameErrors(key.ToLowerInvariant()).Select(m => FieldError.Invalid("metadata.annotations", key, m)));
        }

        if (annotations.Sum(kv => (long)Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(kv.Value)) > TotalAnnotationSizeLimit)
        {
            errors.Add(FieldError.TooLong("metadata.annotations", "", TotalAnnotationSizeLimit));
        }

        foreach (var finalizer in ObjectMetadata.Finalizers(new JsonObject { ["metadata"] = metadata.DeepClone() }))
        {
            errors.AddRange(QualifiedNameErrors(finalizer).Select(m => FieldError.Invalid("metadata.finalizers", finalizer, m)));
        }

        return errors;
    }

    /// <summary>util/validation.IsQualifiedName: the messages for one key.</summary>
    public static List<string> QualifiedNameErrors(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    if (prefix.Length > 253)
                    {
                        errors.Add("prefix part must be no more than 253 characters");
                    }

                    if (!SubdomainRegex().IsMatch(prefix))
                    {
                        errors.Add("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + SubdomainFormat + "')");
                    }
                }

                break;
            default:
                return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')");
        }

        return errors;
    }

    private static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFormat + "')");
        }

        return errors;
    }

    /// <summary>A map[string]string field; any other JSON there is the decoder's 400.</summary>
    private static Dictionary<string, string> StringMap(ResourceType type, JsonObject metadata, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (metadata[field])
        {
            case null:
            case JsonValue v when v.GetValueKind() == JsonValueKind.Null:
                return map;
            case JsonObject entries:
                foreach (var (key, value) in entries)
                {
                    if (value is null)
                    {
                        // Go decodes a null map value as the empty string.
                        map[key] = "";
                        continue;
                    }

                    if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    {
                        throw CannotDecode(type, $"json: cannot unmarshal {JsonKindName(value)} into Go struct field ObjectMeta.metadata.{field} of type string");
                    }

                    map[key] = v.GetValue<string>();
                }

                return map;
            default:
                throw CannotDecode(type, $"json: cannot unmarshal {JsonKindName(metadata[field])} into Go struct field ObjectMeta.metadata.{field} of type map[string]string");
        }
    }

    private static KubeApiException CannotDecode(ResourceType type, string why) =>
        StatusObjects.BadRequest($"{type.Kind} in version {GoFormat.Quote(type.Version)} cannot be handled as a {type.Kind}: {why}");

    private static string JsonKindName(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        _ => "null",
    };

    // \z, not $: .NET's $ also matches before a final newline, Go's does not.
    [GeneratedRegex("^" + QualifiedNameFormat + @"\z")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + @"\z")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^" + SubdomainFormat + @"\z")]
    private static partial Regex SubdomainRegex();
}
