using System.Globalization;
using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Patching;

/// <summary>
/// RFC 6902 JSON patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy, test,
/// applied in order to a copy; any failing operation fails the whole patch.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw new JsonPatchException("each operation must be an object");
            }

            var kind = op["op"]?.GetValue<string>() ?? throw new JsonPatchException("operation is missing \"op\"");
            var path = op["path"]?.GetValue<string>() ?? throw new JsonPatchException($"{kind} operation is missing \"path\"");
            switch (kind)
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var moved = Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op)).DeepClone());
                    break;
                case "test":
                    var actual = Get(root, path);
                    if (!JsonNode.DeepEquals(actual, op["value"]))
                    {
                        throw new JsonPatchException($"testing value {path} failed");
                    }

                    break;
                default:
                    throw new JsonPatchException($"unexpected operation \"{kind}\"");
            }
        }

        return root["doc"] ?? throw new JsonPatchException("the patch removed the whole document");
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new JsonPatchException($"{op["op"]} operation is missing \"value\"");

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw new JsonPatchException($"{op["op"]} operation is missing \"from\"");

    private static (JsonNode Parent, string Token) Locate(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw new JsonPatchException($"path \"{path}\" must start with '/'");
        }

        var tokens = path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode parent = root;
        var token = "doc";
        foreach (var next in tokens)
        {
            parent = Child(parent, token) ?? throw new JsonPatchException($"path \"{path}\" does not exist");
            token = next;
        }

        return (parent, token);
    }

    private static JsonNode? Child(JsonNode parent, string token) => parent switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode Get(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        return Child(parent, token) ?? throw new JsonPatchException($"path \"{path}\" does not exist");
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new JsonPatchException($"cannot add at path \"{path}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                var value = o[token];
                o.Remove(token);
                return value;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw new JsonPatchException($"path \"{path}\" does not exist");
        }
    }
}
