using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// Applies <c>default</c> values as apiextensions-apiserver's structural defaulting does: a default
/// fills a property that is absent (or null where the schema is not nullable) only when its parent
/// object exists, then defaulting continues inside what was filled. A null that is neither nullable nor
/// defaulted is dropped, as the server prunes it before defaulting.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(SchemaNode s, JsonNode? value, bool isResourceRoot)
    {
        if (!s.HasDefaultsBelow && !HasNonNullableProperties(s))
        {
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                if (s.Properties is not null)
                {
                    foreach (var (name, property) in s.Properties)
                    {
                        if (isResourceRoot && name == "metadata")
                        {
                            continue;
                        }

                        var present = obj.TryGetPropertyValue(name, out var current);
                        if (present && current is not null)
                        {
                            continue;
                        }

                        if (property.Default is not null && (!present || !property.Nullable))
                        {
                            obj[name] = property.Default.DeepClone();
                        }
                        else if (present && !property.Nullable)
                        {
                            obj.Remove(name);
                        }
                    }
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (isResourceRoot && key == "metadata")
                    {
                        continue;
                    }

                    if (s.ChildSchema(key) is { } childSchema)
                    {
                        if (child is null && s.Properties?.ContainsKey(key) != true && !childSchema.Nullable)
                        {
                            // A null map value: defaulted if the value schema has a default, else dropped.
                            if (childSchema.Default is not null)
                            {
                                obj[key] = childSchema.Default.DeepClone();
                            }
                            else
                            {
                                obj.Remove(key);
                            }

                            continue;
                        }

                        Apply(childSchema, obj[key], childSchema.EmbeddedResource);
                    }
                }

                break;
            case JsonArray array when s.Items is { } items:
                foreach (var item in array)
                {
                    Apply(items, item, items.EmbeddedResource);
                }

                break;
        }
    }

    private static bool HasNonNullableProperties(SchemaNode s) => s.Properties is { Count: > 0 } || s.AdditionalProperties is not null || s.Items is not null;
}
