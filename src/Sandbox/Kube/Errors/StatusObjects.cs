using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Errors;

/// <summary>
/// The <c>meta/v1 Status</c> objects the API server answers errors with (k8s.io/apimachinery/pkg/api/errors):
/// same code, reason, message wording and details, because clients branch on them (409 Conflict means
/// re-read and retry; 410 Expired means relist).
/// </summary>
public static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceType type, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = Details(type, name, uid),
    };

    public static KubeApiException NotFound(ResourceType type, string name) =>
        new(Failure(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", Details(type, name)));

    public static KubeApiException NotFound(string message) =>
        new(Failure(404, "NotFound", message));

    public static KubeApiException AlreadyExists(ResourceType type, string name) =>
        new(Failure(409, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", Details(type, name)));

    public static KubeApiException Conflict(ResourceType type, string name, string why) =>
        new(Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": {why}", Details(type, name)));

    public static KubeApiException ModifiedConflict(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static KubeApiException BadRequest(string message) => new(Failure(400, "BadRequest", message));

    public static KubeApiException MethodNotAllowed(string message) => new(Failure(405, "MethodNotAllowed", message));

    public static KubeApiException UnsupportedMediaType(string contentType) =>
        new(Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got {contentType}"));

    public static JsonObject Expired(long requested, long oldest) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>
    /// A continue token whose revision was compacted away (etcd3 store's compactedContinue): 410 Expired,
    /// carrying a token for a caller that accepts the remainder read from live data.
    /// </summary>
    public static KubeApiException ContinueExpired(string inconsistentContinue)
    {
        var status = Failure(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
        status["metadata"] = new JsonObject { ["continue"] = inconsistentContinue };
        return new KubeApiException(status);
    }

    public static KubeApiException Unauthorized() => new(Failure(401, "Unauthorized", "Unauthorized"));

    public static KubeApiException InternalError(string message) =>
        new(Failure(500, "InternalError", $"Internal error occurred: {message}"));

    public static JsonObject TooManyRequests(int retryAfterSeconds) =>
        Failure(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later",
            new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds });

    /// <summary>A 422 with one cause, for checks outside the CRD schema (names, finalizers, resourceVersion).</summary>
    public static KubeApiException Invalid(ResourceType type, string name, string field, string reasonType, string body) =>
        new(Failure(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {field}: {body}",
            new JsonObject
            {
                ["name"] = name,
                ["group"] = type.Group,
                ["kind"] = type.Kind,
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = reasonType, ["message"] = body, ["field"] = field }),
            }));

    private static JsonObject Details(ResourceType type, string name, string? uid = null)
    {
        var details = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return details;
    }
}
