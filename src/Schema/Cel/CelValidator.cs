using System.Text.Json.Nodes;

namespace IrOperator.Schema.Cel;

/// <summary>
/// Evaluates <c>x-kubernetes-validations</c> over an object, as apiextensions-apiserver's cel.Validator:
/// <c>self</c> is the value at the rule's node; transition rules (those naming <c>oldSelf</c>) run only
/// on update and only where an old value correlates (same property of an object, same keys of a
/// list-type map); null values are not validated; a failed rule is reported with the node's type as
/// the value (<c>spec: Invalid value: "object": spec is immutable</c>, the 1.2x-1.33 server format).
/// </summary>
internal sealed class CelValidator(CelEngine engine)
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Validate(SchemaNode root, JsonNode obj, JsonNode? oldObj)
    {
        Walk(root, obj, oldObj, oldObj is not null, FieldPath.Root);
        return _errors;
    }

    private void Walk(SchemaNode s, JsonNode? value, JsonNode? old, bool hasOld, FieldPath path)
    {
        if (value is null || !s.HasRulesBelow)
        {
            return;
        }

        if (old is null)
        {
            hasOld = false;
        }

        if (s.Rules.Count > 0)
        {
            Evaluate(s, value, old, hasOld, path);
        }

        switch (value)
        {
            case JsonObject obj:
                var oldObj = hasOld && !s.AtomicMap ? old as JsonObject : null;
                foreach (var (key, child) in obj)
                {
                    JsonNode? oldChild = null;
                    var childHasOld = oldObj is not null && oldObj.TryGetPropertyValue(key, out oldChild);
                    if (s.Properties is not null && s.Properties.TryGetValue(key, out var property))
                    {
                        Walk(property, child, oldChild, childHasOld, path.Child(key));
                    }
                    else if (s.AdditionalProperties is { } additional)
                    {
                        Walk(additional, child, oldChild, childHasOld, path.Key(key));
                    }
                }

                break;
            case JsonArray array when s.Items is { } items:
                var oldArray = hasOld && s.ListType == "map" ? old as JsonArray : null;
                for (var i = 0; i < array.Count; i++)
                {
                    var oldItem = oldArray is null ? null : FindByMapKeys(oldArray, array[i], s.ListMapKeys);
                    Walk(items, array[i], oldItem, oldItem is not null, path.Index(i));
                }

                break;
        }
    }

    private void Evaluate(SchemaNode s, JsonNode value, JsonNode? old, bool hasOld, FieldPath path)
    {
        var isResource = path.IsRoot || s.EmbeddedResource;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = Self(value, s, isResource) };
        if (hasOld)
        {
            variables["oldSelf"] = Self(old, s, isResource);
        }

        foreach (var rule in s.Rules)
        {
            if (rule.UsesOldSelf && !hasOld)
            {
                continue;
            }

            var (result, error, noSuchOverload) = engine.Evaluate(rule.Program, variables);
            if (error is not null)
            {
                var detail = noSuchOverload
                    ? $"'{error}': call arguments did not match a supported operator, function or macro signature for rule: {rule.ErrorString}"
                    : $"{error} evaluating rule: {rule.ErrorString}";
                _errors.Add(FieldError.Invalid(path.ToString(), s.Type, detail));
                continue;
            }

            if (result is true)
            {
                continue;
            }

            var target = rule.FieldPath.Aggregate(path, (p, segment) => p.Child(segment));
            var message = MessageFromExpression(rule, variables) ?? rule.MessageOrDefault;
            _errors.Add(rule.Reason switch
            {
                FieldErrorType.Forbidden => FieldError.Forbidden(target.ToString(), message),
                FieldErrorType.Required => FieldError.Required(target.ToString(), message),
                FieldErrorType.Duplicate => new FieldError(target.ToString(), FieldErrorType.Duplicate, s.Type, ""),
                _ => FieldError.Invalid(target.ToString(), s.Type, message),
            });
        }
    }

    /// <summary>
    /// The value as a rule sees it. At a resource root only metadata.name and metadata.generateName are
    /// visible to rules, as on the server (a rule reading labels fails there with "no such key").
    /// </summary>
    private static object? Self(JsonNode? value, SchemaNode s, bool isResource)
    {
        var self = CelValues.From(value, s);
        if (isResource && self is Dictionary<string, object?> map && map.TryGetValue("metadata", out var metadata) && metadata is Dictionary<string, object?> meta)
        {
            map["metadata"] = meta.Where(kv => kv.Key is "name" or "generateName").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        return self;
    }

    /// <summary>The messageExpression's result when it yields a usable one-line string; otherwise the server falls back to message.</summary>
    private string? MessageFromExpression(CelRule rule, Dictionary<string, object?> variables)
    {
        if (rule.MessageProgram is null)
        {
            return null;
        }

        var (result, error, _) = engine.Evaluate(rule.MessageProgram, variables);
        return error is null && result is string text && text.Trim().Length > 0 && !text.Contains('\n', StringComparison.Ordinal)
            ? text.Trim()
            : null;
    }

    private static JsonNode? FindByMapKeys(JsonArray oldArray, JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject current || keys.Count == 0)
        {
            return null;
        }

        return oldArray.FirstOrDefault(o => o is JsonObject candidate && keys.All(k => JsonNode.DeepEquals(candidate[k], current[k])));
    }
}
