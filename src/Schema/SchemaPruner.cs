using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// Removes fields the schema does not specify, as the server's structural pruning: everything below
/// <c>x-kubernetes-preserve-unknown-fields: true</c> is kept (but known properties there are still
/// pruned inside), apiVersion/kind/metadata are kept at the root and in embedded resources.
/// </summary>
internal static class SchemaPruner
{
    private static readonly HashSet<string> ResourceFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    public static void Prune(SchemaNode s, JsonNode? value, FieldPath path, bool isResourceRoot, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                if (s.Type.Length == 0 && !s.PreserveUnknownFields && s.Properties is null && s.AdditionalProperties is null)
                {
                    return;
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (isResourceRoot && ResourceFields.Contains(key))
                    {
                        continue;
                    }

                    if (s.Properties is not null && s.Properties.TryGetValue(key, out var property))
                    {
                        Prune(property, child, path.Child(key), property.EmbeddedResource, pruned);
                    }
                    else if (s.AdditionalProperties is { } additional)
                    {
                        Prune(additional, child, path.Key(key), additional.EmbeddedResource, pruned);
                    }
                    else if (!s.PreserveUnknownFields)
                    {
                        obj.Remove(key);
                        pruned.Add(path.Child(key).OpenApiName);
                    }
                }

                break;
            case JsonArray array when s.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(items, array[i], path.Index(i), items.EmbeddedResource, pruned);
                }

                break;
        }
    }
}
