using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace IrOperator.Resources.Schema;

/// <summary>
/// Turns a resource type into a structural <c>openAPIV3Schema</c> by reflection: JSON names from
/// <c>[JsonPropertyName]</c>, types from the CLR types, constraints from the attributes in this folder,
/// descriptions from the XML doc comments. Output is deterministic: properties, required names and rules
/// are sorted, so the generated YAML only changes when the types do.
/// </summary>
internal sealed class JsonSchemaBuilder(XmlDocumentation docs)
{
    /// <summary>The schema of a whole resource: apiVersion, kind, metadata, spec, status.</summary>
    public V1JSONSchemaProps ForResource(Type kind) => ForObject(kind, isResourceRoot: true);

    private V1JSONSchemaProps ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type.IsEnum)
        {
            // JsonStringEnumConverter writes member names; the schema lists exactly those.
            return new V1JSONSchemaProps { Type = "string", EnumProperty = Enum.GetNames(type).Cast<object>().ToList() };
        }

        if (type == typeof(JsonObject))
        {
            // Free-form: only valid with x-kubernetes-preserve-unknown-fields, which the property must ask for.
            return new V1JSONSchemaProps { Type = "object" };
        }

        if (type == typeof(V1ObjectMeta))
        {
            // The API server validates metadata itself; a CRD schema may only say it is an object.
            return new V1JSONSchemaProps { Type = "object" };
        }

        if (GenericArgument(type, typeof(IDictionary<,>), 1) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(valueType) };
        }

        if (GenericArgument(type, typeof(IEnumerable<>), 0) is { } itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForType(itemType) };
        }

        if (type.IsClass)
        {
            return ForObject(type, isResourceRoot: false);
        }

        throw new NotSupportedException($"{type.FullName} has no JSON schema mapping.");
    }

    private V1JSONSchemaProps ForObject(Type type, bool isResourceRoot)
    {
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} needs [JsonPropertyName]: the schema must name exactly what is serialized.");
            properties[name] = ForProperty(property);
            if (property.IsDefined(typeof(RequiredAttribute)))
            {
                required.Add(name);
            }
        }

        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = docs.Summary(type),
            Properties = new Dictionary<string, V1JSONSchemaProps>(properties),
            Required = required.Count > 0 ? required.ToList() : null,
        };
        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
        if (isResourceRoot && required.Count == 0)
        {
            throw new InvalidOperationException($"{type.Name} must mark spec [Required].");
        }

        return schema;
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType);
        var inner = (schema.Items ?? schema.AdditionalProperties) as V1JSONSchemaProps;
        schema.Description = docs.Summary(property) ?? schema.Description;

        foreach (var attribute in property.GetCustomAttributes<SchemaAttribute>())
        {
            var target = attribute.OnItems
                ? inner ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: OnItems needs a list or map.")
                : schema;
            Apply(attribute, target);
        }

        if (property.GetCustomAttribute<DurationAttribute>() is { } duration)
        {
            schema.Pattern = ResourcePatterns.Duration;
            schema.MinLength = 2;
            schema.MaxLength = 20;
            AddRules(schema, [new CelRuleAttribute(CelRules.DurationBetween(duration.Minimum, duration.Maximum), duration.Message)]);
        }

        var rules = property.GetCustomAttributes<CelRuleAttribute>().ToList();
        AddRules(schema, rules.Where(r => !r.OnItems));
        if (inner is not null)
        {
            AddRules(inner, rules.Where(r => r.OnItems));
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is { } preserve)
        {
            (preserve.OnItems ? inner! : schema).XKubernetesPreserveUnknownFields = true;
        }

        if (property.GetCustomAttribute<ListTypeAttribute>() is { } listType)
        {
            schema.XKubernetesListType = listType.ListType;
            if (listType.ListType == ListTypeAttribute.Map)
            {
                // The API server requires list-map keys to be required (or defaulted) in the items.
                schema.XKubernetesListMapKeys = listType.MapKeys.ToList();
                var items = (V1JSONSchemaProps)schema.Items!;
                items.Required = (items.Required ?? []).Union(listType.MapKeys).Order(StringComparer.Ordinal).ToList();
            }
        }

        if (property.IsDefined(typeof(DefaultedAttribute)))
        {
            schema.DefaultProperty = DefaultOf(property);
        }

        return schema;
    }

    private static void Apply(SchemaAttribute attribute, V1JSONSchemaProps target)
    {
        switch (attribute)
        {
            case PatternAttribute a: target.Pattern = a.Pattern; break;
            case MinLengthAttribute a: target.MinLength = a.Length; break;
            case MaxLengthAttribute a: target.MaxLength = a.Length; break;
            case MinItemsAttribute a: target.MinItems = a.Count; break;
            case MaxItemsAttribute a: target.MaxItems = a.Count; break;
            case MaxPropertiesAttribute a: target.MaxProperties = a.Count; break;
            case RangeAttribute a:
                target.Minimum = a.Minimum;
                target.Maximum = a.Maximum;
                break;
            case FormatAttribute a: target.Format = a.Format; break;
            default: throw new NotSupportedException(attribute.GetType().Name);
        }
    }

    private static void AddRules(V1JSONSchemaProps schema, IEnumerable<CelRuleAttribute> rules)
    {
        var added = rules
            .OrderBy(r => r.Rule, StringComparer.Ordinal)
            .Select(r => new V1ValidationRule { Rule = r.Rule, Message = r.Message, FieldPath = r.FieldPath })
            .ToList();
        if (added.Count > 0)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. added];
        }
    }

    /// <summary>The property's value in a new instance: the initializer is the single source of the default.</summary>
    private static object DefaultOf(PropertyInfo property)
    {
        var instance = Activator.CreateInstance(property.DeclaringType!)!;
        var value = property.GetValue(instance)
            ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} is [Defaulted] but its initializer is null.");
        return value is Enum ? value.ToString()! : value;
    }

    private static Type? GenericArgument(Type type, Type openInterface, int index)
    {
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == openInterface
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
        return match?.GetGenericArguments()[index];
    }
}
