using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// The OpenAPI half of validation, with kube-openapi's messages as the API server converts them to
/// field errors (apiextensions-apiserver validation.kubeOpenAPIResultToFieldErrors): the field is the
/// validator's name (<c>spec.tags.key</c>), the detail repeats it with "in body".
/// </summary>
internal sealed class SchemaValidator
{
    private readonly List<FieldError> _errors = [];

    /// <summary>Validates against the schema only (types, formats, bounds, enum, required, list sets/maps).</summary>
    public IReadOnlyList<FieldError> ValidateSchemaOnly(SchemaNode schema, JsonNode? value, FieldPath path)
    {
        Validate(schema, value, path, isResourceRoot: false);
        return _errors;
    }

    public IReadOnlyList<FieldError> ValidateResource(SchemaNode schema, JsonNode? value)
    {
        Validate(schema, value, FieldPath.Root, isResourceRoot: true);
        return _errors;
    }

    private void Validate(SchemaNode s, JsonNode? value, FieldPath path, bool isResourceRoot)
    {
        var name = path.OpenApiName;
        if (value is null)
        {
            if (!s.Nullable && (s.Type.Length > 0 || s.IntOrString))
            {
                Add(new FieldError(name, FieldErrorType.TypeInvalid, "null", $"{name} in body must be of type {TypeText(s)}: \"null\""));
            }

            return;
        }

        if (!TypeMatches(s, value))
        {
            var actual = JsonKinds.TypeName(value);
            Add(new FieldError(name, FieldErrorType.TypeInvalid, actual, $"{name} in body must be of type {TypeText(s)}: {GoFormat.Quote(actual)}"));
            return;
        }

        if (s.Enum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            Add(FieldError.NotSupported(name, JsonKinds.Plain(value), allowed.Select(a => JsonKinds.IsString(a, out var text) ? text : a?.ToJsonString() ?? "null")));
        }

        switch (value)
        {
            case JsonValue when JsonKinds.IsString(value, out var text):
                ValidateString(s, text, name);
                break;
            case JsonValue when JsonKinds.IsNumber(value, out var number):
                ValidateNumber(s, value, number, name);
                break;
            case JsonArray array:
                ValidateArray(s, array, path, name);
                break;
            case JsonObject obj:
                ValidateObject(s, obj, path, name, isResourceRoot);
                break;
        }
    }

    private void ValidateString(SchemaNode s, string text, string name)
    {
        // Lengths count Unicode code points, as Go's utf8.RuneCountInString.
        var length = text.EnumerateRunes().Count();
        if (s.MaxLength is { } max && length > max)
        {
            Add(FieldError.TooLong(name, text, max));
        }

        if (s.MinLength is { } min && length < min)
        {
            Add(FieldError.Invalid(name, text, $"{name} in body should be at least {min} chars long"));
        }

        if (s.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            Add(FieldError.Invalid(name, text, $"{name} in body should match '{s.PatternSource}'"));
        }

        if (s.Format is { } format && !StringFormats.IsValid(format, text))
        {
            Add(new FieldError(name, FieldErrorType.TypeInvalid, text, $"{name} in body must be of type {format}: {GoFormat.Quote(text)}"));
        }
    }

    private void ValidateNumber(SchemaNode s, JsonNode value, double number, string name)
    {
        var plain = JsonKinds.Plain(value);
        if (s.Maximum is { } max && (s.ExclusiveMaximum ? number >= max : number > max))
        {
            var relation = s.ExclusiveMaximum ? "less than" : "less than or equal to";
            Add(FieldError.Invalid(name, plain, $"{name} in body should be {relation} {GoFormat.Number(max)}"));
        }

        if (s.Minimum is { } min && (s.ExclusiveMinimum ? number <= min : number < min))
        {
            var relation = s.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            Add(FieldError.Invalid(name, plain, $"{name} in body should be {relation} {GoFormat.Number(min)}"));
        }

        if (s.MultipleOf is { } factor && factor > 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
        {
            Add(FieldError.Invalid(name, plain, $"{name} in body should be a multiple of {GoFormat.Number(factor)}"));
        }
    }

    private void ValidateArray(SchemaNode s, JsonArray array, FieldPath path, string name)
    {
        if (s.MaxItems is { } max && array.Count > max)
        {
            Add(FieldError.TooMany(name, array.Count, max));
        }

        if (s.MinItems is { } min && array.Count < min)
        {
            Add(FieldError.Invalid(name, (long)array.Count, $"{name} in body should have at least {min} items"));
        }

        if (s.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(items, array[i], path.Index(i), isResourceRoot: items.EmbeddedResource);
            }
        }

        ValidateListType(s, array, path);
    }

    /// <summary>x-kubernetes-list-type set and map forbid duplicates (structurallisttype.ValidateListSetsAndMaps).</summary>
    private void ValidateListType(SchemaNode s, JsonArray array, FieldPath path)
    {
        if (s.ListType is not ("set" or "map"))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            string key;
            object? shown;
            if (s.ListType == "set")
            {
                key = item?.ToJsonString() ?? "null";
                shown = JsonKinds.Plain(item);
            }
            else
            {
                var keyFields = s.ListMapKeys.Select(k => (k, item is JsonObject o ? o[k] : null)).ToList();
                key = string.Join("\u0000", keyFields.Select(kv => kv.Item2?.ToJsonString() ?? "null"));
                shown = "map[string]interface {}{" + string.Join(", ", keyFields.Select(kv => $"{GoFormat.Quote(kv.k)}:{GoFormat.Value(JsonKinds.Plain(kv.Item2))}")) + "}";
            }

            if (!seen.Add(key))
            {
                Add(new FieldError(path.Index(i).ToString(), FieldErrorType.Duplicate, shown is string text && s.ListType == "map" ? new GoVerbatim(text) : shown, ""));
            }
        }
    }

    private void ValidateObject(SchemaNode s, JsonObject obj, FieldPath path, string name, bool isResourceRoot)
    {
        if (s.MaxProperties is { } max && obj.Count > max)
        {
            Add(FieldError.TooMany(name, obj.Count, max));
        }

        if (s.MinProperties is { } min && obj.Count < min)
        {
            Add(FieldError.Invalid(name, (long)obj.Count, $"{name} in body should have at least {min} properties"));
        }

        foreach (var required in s.Required)
        {
            if (!obj.ContainsKey(required))
            {
                Add(FieldError.Required(path.Child(required).OpenApiName));
            }
        }

        foreach (var (key, child) in obj)
        {
            // ObjectMeta is validated by the server's own metadata rules, not by the CRD schema.
            if (isResourceRoot && key == "metadata")
            {
                continue;
            }

            if (s.Properties is not null && s.Properties.TryGetValue(key, out var property))
            {
                Validate(property, child, path.Child(key), property.EmbeddedResource);
            }
            else if (s.AdditionalProperties is { } additional)
            {
                Validate(additional, child, path.Key(key), additional.EmbeddedResource);
            }
        }
    }

    private static bool TypeMatches(SchemaNode s, JsonNode value)
    {
        if (s.IntOrString)
        {
            return JsonKinds.IsInteger(value) || JsonKinds.IsString(value, out _);
        }

        return s.Type switch
        {
            "" => true,
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => JsonKinds.IsString(value, out _),
            "boolean" => JsonKinds.IsBoolean(value),
            "integer" => JsonKinds.IsInteger(value),
            "number" => JsonKinds.IsNumber(value, out _),
            _ => true,
        };
    }

    private static string TypeText(SchemaNode s) => s.IntOrString ? "integer,string" : s.Type;

    private void Add(FieldError error) => _errors.Add(error);

    /// <summary>A bad value printed as is (Go's %#v of a map, for duplicate list-map keys).</summary>
    internal sealed record GoVerbatim(string Text)
    {
        public override string ToString() => Text;
    }
}
