using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// Turns a request's method, path and query into <see cref="RequestAttributes"/> the way the API
/// server's RequestInfoFactory does, from the URL alone (before knowing whether the resource exists, so
/// a caller without permission gets 403 rather than a 404 that would reveal what is served):
/// <c>/api/v1/...</c> and <c>/apis/g/v/...</c> with at least a resource are resource requests, anything
/// else (<c>/api</c>, <c>/apis/g/v</c>, <c>/openapi/v3</c>) a non-resource path.
/// </summary>
public static class RequestInfoParser
{
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public static RequestAttributes Parse(KubeUser user, string method, string path, string? watchParameter, string? fieldSelector)
    {
        ArgumentNullException.ThrowIfNull(method);
        path = string.IsNullOrEmpty(path) ? "/" : path;
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };
        var nonResource = RequestAttributes.ForPath(user, verb, path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var rest = parts.AsSpan(1);
        var group = "";
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        if (rest.Length > 0 && rest[0] == "watch")
        {
            verb = "watch";
            rest = rest[1..];
        }

        var ns = "";
        if (rest.Length > 0 && rest[0] == "namespaces" && rest.Length > 1)
        {
            // The namespace's own URL (namespaces/x[/status]) is the namespace resource, in that namespace.
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest.Length > 0 ? rest[0] : "";
        var name = rest.Length > 1 ? rest[1] : "";
        var subresource = rest.Length > 2 && verb != "watch" ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = watchParameter is "true" or "1" ? "watch" : "list";

            // A list narrowed to one name by field selector is authorized as that name (informers of one object).
            if (ExactName(fieldSelector) is { } selected)
            {
                name = selected;
            }
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(user, verb, true, path, group, version, resource, subresource, ns, name);
    }

    /// <summary>The name a field selector requires exactly (<c>metadata.name=x</c> or <c>==</c>), if any.</summary>
    private static string? ExactName(string? fieldSelector)
    {
        foreach (var term in (fieldSelector ?? "").Split(','))
        {
            var trimmed = term.Trim();
            if (trimmed.Contains("!=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var prefix in new[] { "metadata.name==", "metadata.name=" })
            {
                if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length)
                {
                    return trimmed[prefix.Length..];
                }
            }
        }

        return null;
    }
}
