using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Schema.Cel;

namespace IrOperator.Schema;

/// <summary>
/// Compiles a CRD's openAPIV3Schema into <see cref="SchemaNode"/>s, collecting the errors the server
/// would refuse the CRD with (paths like <c>openAPIV3Schema.properties[spec].type</c>).
/// allOf/anyOf/oneOf/not are accepted and ignored (value validation there is not emulated).
/// </summary>
internal sealed class SchemaParser(CelEngine cel)
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "object", "string"];
    private static readonly string[] Reasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];

    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public SchemaNode Parse(JsonNode? json, FieldPath path, bool correlatable = true, string role = "at the root")
    {
        if (json is not JsonObject obj)
        {
            _errors.Add(FieldError.Invalid(path.ToString(), JsonKinds.Plain(json), "must be an object"));
            return new SchemaNode { PreserveUnknownFields = true };
        }

        var type = String(obj, "type", path) ?? "";
        var intOrString = Bool(obj, "x-kubernetes-int-or-string");
        var preserve = Bool(obj, "x-kubernetes-preserve-unknown-fields");
        if (type.Length == 0 && !intOrString && !preserve)
        {
            _errors.Add(FieldError.Required(path.Child("type").ToString(), $"must not be empty {role}"));
        }
        else if (type.Length > 0 && !Types.Contains(type))
        {
            _errors.Add(FieldError.NotSupported(path.Child("type").ToString(), type, Types));
        }

        var atomicMap = String(obj, "x-kubernetes-map-type", path) == "atomic";
        var listType = String(obj, "x-kubernetes-list-type", path);

        Dictionary<string, SchemaNode>? properties = null;
        if (obj["properties"] is JsonObject props)
        {
            properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var (name, child) in props)
            {
                properties[name] = Parse(child, path.Child("properties").Key(name), correlatable && !atomicMap, "for specified object fields");
            }
        }

        SchemaNode? additional = null;
        if (obj["additionalProperties"] is JsonObject additionalJson)
        {
            additional = Parse(additionalJson, path.Child("additionalProperties"), correlatable && !atomicMap, "for specified object fields");
        }

        SchemaNode? items = null;
        if (obj["items"] is { } itemsJson)
        {
            items = Parse(itemsJson, path.Child("items"), correlatable && listType == "map", "for specified array items");
        }
        else if (type == "array")
        {
            _errors.Add(FieldError.Required(path.Child("items").ToString(), "must be specified"));
        }

        var (pattern, patternSource) = Pattern(obj, path);
        var rules = Rules(obj, path, properties, additional, correlatable);

        var node = new SchemaNode
        {
            Type = type,
            Format = String(obj, "format", path),
            Nullable = Bool(obj, "nullable"),
            IntOrString = intOrString,
            PreserveUnknownFields = preserve,
            EmbeddedResource = Bool(obj, "x-kubernetes-embedded-resource"),
            Properties = properties,
            AdditionalProperties = additional,
            Items = items,
            Required = Strings(obj, "required", path),
            Enum = obj["enum"] is JsonArray values ? values.Select(v => v?.DeepClone()).ToList() : null,
            Pattern = pattern,
            PatternSource = patternSource,
            MinLength = Long(obj, "minLength"),
            MaxLength = Long(obj, "maxLength"),
            MinItems = Long(obj, "minItems"),
            MaxItems = Long(obj, "maxItems"),
            MinProperties = Long(obj, "minProperties"),
            MaxProperties = Long(obj, "maxProperties"),
            Minimum = Double(obj, "minimum"),
            Maximum = Double(obj, "maximum"),
            ExclusiveMinimum = Bool(obj, "exclusiveMinimum"),
            ExclusiveMaximum = Bool(obj, "exclusiveMaximum"),
            MultipleOf = Double(obj, "multipleOf"),
            Default = obj["default"]?.DeepClone(),
            ListType = listType,
            ListMapKeys = Strings(obj, "x-kubernetes-list-map-keys", path),
            AtomicMap = atomicMap,
            Rules = rules,
            HasRulesBelow = rules.Count > 0 || (properties?.Values.Any(p => p.HasRulesBelow) ?? false) ||
                            (additional?.HasRulesBelow ?? false) || (items?.HasRulesBelow ?? false),
            HasDefaultsBelow = obj["default"] is not null || (properties?.Values.Any(p => p.HasDefaultsBelow) ?? false) ||
                               (additional?.HasDefaultsBelow ?? false) || (items?.HasDefaultsBelow ?? false),
        };

        if (node.Default is not null)
        {
            // The server refuses a default its own schema would reject.
            foreach (var e in new SchemaValidator().ValidateSchemaOnly(node, node.Default, FieldPath.Root))
            {
                _errors.Add(FieldError.Invalid(path.Child("default").ToString(), JsonKinds.Plain(node.Default), e.Body));
            }
        }

        return node;
    }

    private (Regex? Pattern, string? Source) Pattern(JsonObject obj, FieldPath path)
    {
        var source = String(obj, "pattern", path);
        if (source is null)
        {
            return (null, null);
        }

        try
        {
            return (Re2Pattern.Compile(source), source);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            _errors.Add(FieldError.Invalid(path.Child("pattern").ToString(), source, $"must be a valid regular expression, but isn't: {e.Message}"));
            return (null, source);
        }
    }

    private List<CelRule> Rules(JsonObject obj, FieldPath path, Dictionary<string, SchemaNode>? properties, SchemaNode? additional, bool correlatable)
    {
        var rules = new List<CelRule>();
        if (obj["x-kubernetes-validations"] is not JsonArray validations)
        {
            return rules;
        }

        for (var i = 0; i < validations.Count; i++)
        {
            var rulePath = path.Child("x-kubernetes-validations").Index(i);
            if (validations[i] is not JsonObject v)
            {
                _errors.Add(FieldError.Invalid(rulePath.ToString(), JsonKinds.Plain(validations[i]), "must be an object"));
                continue;
            }

            var rule = String(v, "rule", rulePath) ?? "";
            if (rule.Trim().Length == 0)
            {
                _errors.Add(FieldError.Required(rulePath.Child("rule").ToString(), "rule is not specified"));
                continue;
            }

            var (program, usesOldSelf, error) = cel.Compile(rule);
            if (program is null)
            {
                _errors.Add(FieldError.Invalid(rulePath.Child("rule").ToString(), rule, $"compilation failed: ERROR: <input>: {error}"));
                continue;
            }

            if (usesOldSelf && !correlatable)
            {
                _errors.Add(FieldError.Invalid(rulePath.Child("rule").ToString(), rule, $"oldSelf cannot be used on the uncorrelatable portion of the schema within {path}"));
                continue;
            }

            global::Cel.CelProgramDelegate? messageProgram = null;
            var messageExpression = String(v, "messageExpression", rulePath) ?? "";
            if (messageExpression.Trim().Length > 0)
            {
                var compiled = cel.Compile(messageExpression);
                if (compiled.Program is null)
                {
                    _errors.Add(FieldError.Invalid(rulePath.Child("messageExpression").ToString(), messageExpression, $"messageExpression compilation failed: ERROR: <input>: {compiled.Error}"));
                    continue;
                }

                messageProgram = compiled.Program;
            }

            var reasonText = String(v, "reason", rulePath) ?? "FieldValueInvalid";
            if (!Reasons.Contains(reasonText))
            {
                _errors.Add(FieldError.NotSupported(rulePath.Child("reason").ToString(), reasonText, Reasons));
                continue;
            }

            var fieldPathText = String(v, "fieldPath", rulePath) ?? "";
            var fieldPath = FieldPathSegments(fieldPathText, properties, additional, out var fieldPathError);
            if (fieldPathError is not null)
            {
                _errors.Add(FieldError.Invalid(rulePath.Child("fieldPath").ToString(), fieldPathText, $"fieldPath must be a valid path: {fieldPathError}"));
                continue;
            }

            rules.Add(new CelRule(
                rule,
                String(v, "message", rulePath) ?? "",
                messageExpression,
                fieldPath,
                reasonText switch
                {
                    "FieldValueForbidden" => FieldErrorType.Forbidden,
                    "FieldValueRequired" => FieldErrorType.Required,
                    "FieldValueDuplicate" => FieldErrorType.Duplicate,
                    _ => FieldErrorType.Invalid,
                },
                usesOldSelf,
                program,
                messageProgram));
        }

        return rules;
    }

    /// <summary>Parses a rule's <c>fieldPath</c> (<c>.a.b</c>, <c>.a['b.c']</c>) and checks it names a field of the schema.</summary>
    private static List<string> FieldPathSegments(string text, IReadOnlyDictionary<string, SchemaNode>? properties, SchemaNode? additional, out string? error)
    {
        var segments = new List<string>();
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            string name;
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }

                name = text[(i + 1)..end];
                i = end;
            }
            else if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                var close = text.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    error = "unexpected end of JSON path";
                    return segments;
                }

                name = text[(i + 2)..close].Replace("\\'", "'", StringComparison.Ordinal);
                i = close + 2;
            }
            else
            {
                error = $"expected [ or . but got: {text[i..]}";
                return segments;
            }

            SchemaNode? next = null;
            if (properties is not null && properties.TryGetValue(name, out var p))
            {
                next = p;
            }
            else if (properties is null && additional is not null)
            {
                next = additional;
            }

            if (name.Length == 0 || next is null)
            {
                error = "does not refer to a valid field";
                return segments;
            }

            segments.Add(name);
            properties = next.Properties;
            additional = next.AdditionalProperties;
        }

        return segments;
    }

    private string? String(JsonObject obj, string name, FieldPath path)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (JsonKinds.IsString(node, out var value))
        {
            return value;
        }

        _errors.Add(FieldError.Invalid(path.Child(name).ToString(), JsonKinds.Plain(node), "must be a string"));
        return null;
    }

    private List<string> Strings(JsonObject obj, string name, FieldPath path)
    {
        var result = new List<string>();
        if (obj[name] is not JsonArray array)
        {
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (JsonKinds.IsString(array[i], out var text))
            {
                result.Add(text);
            }
            else
            {
                _errors.Add(FieldError.Invalid(path.Child(name).Index(i).ToString(), JsonKinds.Plain(array[i]), "must be a string"));
            }
        }

        return result;
    }

    private static bool Bool(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static long? Long(JsonObject obj, string name) =>
        obj[name] is JsonValue v && JsonKinds.TryGetLong(v, out var l) ? l : null;

    private static double? Double(JsonObject obj, string name) =>
        JsonKinds.IsNumber(obj[name], out var d) ? d : null;
}
