using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Cli.Grants;

/// <summary>
/// Turns an API server refusal into a message that says what to do. The server's own message is kept (it names
/// the RBAC verb, or the admission policy's rule that failed, docs/approvals.md), with the hint for its code.
/// </summary>
public static class GrantApiErrors
{
    public static GrantCliException Translate(HttpOperationException error, string action, GrantSession session)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(session);
        var server = ServerMessage(error);
        var said = string.IsNullOrEmpty(server) ? "" : $": {server}";
        var message = error.Response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"the API server did not accept your credentials when you tried to {action} (401){said}; log in again or check the kubeconfig context",
            HttpStatusCode.Forbidden =>
                $"you may not {action} (403){said}. Is namespace {session.Namespace} the one the grants are in? Pass -n <namespace>. " +
                "Responders need the grant-requester role in the grants' namespace, approvers the grant-approver role; approvals must be " +
                "your own name and groups and never on your own grant (docs/approvals.md). Check who you are with `kubectl auth whoami`",
            HttpStatusCode.UnprocessableEntity =>
                $"the API server refused to {action} (invalid){said}",
            HttpStatusCode.Conflict =>
                $"could not {action}: it changed or exists already (409){said}; try again",
            HttpStatusCode.NotFound =>
                $"could not {action}: not found (404){said}. Are the iroperator.io CRDs installed, and is namespace {session.Namespace} right?",
            _ => $"could not {action}: the API server answered {(int)error.Response.StatusCode} {error.Response.ReasonPhrase}{said}",
        };
        return new GrantCliException(message);
    }

    /// <summary>The message of the Status object the API server sends with an error, if any.</summary>
    public static string? ServerMessage(HttpOperationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var content = error.Response.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            return k8s.KubernetesJson.Deserialize<V1Status>(content)?.Message;
        }
        catch (JsonException)
        {
            return content.Length > 300 ? content[..300] : content;
        }
    }
}
