using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>Small helpers over <c>metadata</c> and the server's name rules.</summary>
internal static partial class ObjectMetadata
{
    /// <summary>Fields only the server sets: copied from the stored object on every update.</summary>
    private static readonly string[] SystemFields = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace"];

    private const string Subdomain = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string Name(JsonObject obj) => Text(obj["metadata"]?["name"]);

    public static string ResourceVersion(JsonObject obj) => Text(obj["metadata"]?["resourceVersion"]);

    public static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray)?.Select(Text).ToList() ?? [];

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>
    /// An object with finalizers as a DELETE leaves it: deletionTimestamp now, grace period 0, and
    /// generation bumped (the server's <c>markAsDeleting</c>, so controllers watching generation see it).
    /// </summary>
    public static JsonObject MarkedForDeletion(JsonObject obj, DateTimeOffset now)
    {
        var marked = (JsonObject)obj.DeepClone();
        var metadata = Of(marked);
        if (metadata["deletionTimestamp"] is null && metadata["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) && generation > 0)
        {
            metadata["generation"] = generation + 1;
        }

        metadata["deletionTimestamp"] = Storage.Timestamps.Format(now);
        metadata["deletionGracePeriodSeconds"] = 0L;
        return marked;
    }

    public static void CopySystemFields(JsonObject from, JsonObject to)
    {
        var source = Of(from);
        var target = Of(to);
        foreach (var field in SystemFields)
        {
            if (source[field] is { } value)
            {
                target[field] = value.DeepClone();
            }
            else
            {
                target.Remove(field);
            }
        }
    }

    /// <summary>Refuses a name the server would refuse (RFC 1123 subdomain; a label for namespaces).</summary>
    public static void ValidateName(ResourceType type, string name)
    {
        if (type.Group == Authorization.RbacAuthorizer.Group)
        {
            // RBAC names are path segments, so system:discovery is valid (docs/kube-emulator.md).
            Authorization.RbacNames.Validate(type, name);
            return;
        }

        var isNamespace = type.Group.Length == 0 && type.Plural == "namespaces";
        var valid = isNamespace
            ? name.Length <= 63 && LabelRegex().IsMatch(name)
            : name.Length <= 253 && SubdomainRegex().IsMatch(name);
        if (!valid)
        {
            var detail = isNamespace
                ? $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{Label}')"
                : $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{Subdomain}')";
            throw StatusObjects.Invalid(type, name, "metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": {detail}");
        }
    }

    [GeneratedRegex("^" + Subdomain + "$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + Label + "$")]
    private static partial Regex LabelRegex();
}
