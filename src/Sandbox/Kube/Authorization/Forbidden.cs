using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// The 403 the API server answers a refused request with (responsewriters.Forbidden and
/// apierrors.NewForbidden): <c>responderroles.iroperator.io is forbidden: User "alice" cannot patch
/// resource "responderroles" in API group "iroperator.io" at the cluster scope</c>, details naming the
/// object; for a path, <c>forbidden: User "alice" cannot get path "/apis"</c>.
/// </summary>
public static class Forbidden
{
    public static KubeApiException For(RequestAttributes request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var why = Message(request);
        if (reason.Length > 0)
        {
            why = $"{why}: {reason}";
        }

        // The server escapes these three in the message (its sanitizer), because the text echoes the URL.
        why = why.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        var details = new JsonObject();
        if (!request.IsResourceRequest || request.Resource.Length == 0)
        {
            return new KubeApiException(StatusObjects.Failure(403, "Forbidden", $"forbidden: {why}", details));
        }

        var qualified = request.ApiGroup.Length == 0 ? request.Resource : $"{request.Resource}.{request.ApiGroup}";
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }

        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }

        details["kind"] = request.Resource;
        var message = request.Name.Length == 0 ? $"{qualified} is forbidden: {why}" : $"{qualified} \"{request.Name}\" is forbidden: {why}";
        return new KubeApiException(StatusObjects.Failure(403, "Forbidden", message, details));
    }

    /// <summary>The sentence after "is forbidden: " (also what a refused access review would say).</summary>
    public static string Message(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.User.Username;
        if (!request.IsResourceRequest)
        {
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        var resource = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return request.Namespace.Length > 0
            ? $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
            : $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
    }
}
