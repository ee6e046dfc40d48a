using System.Globalization;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using Microsoft.AspNetCore.Http;

namespace IrOperator.Sandbox.Kube.Audit;

/// <summary>
/// What the audit log learns about one request while it is served, turned into an audit.k8s.io/v1
/// Event (stage ResponseComplete, level Metadata) when it ends. <see cref="User"/> is the authenticated
/// user; when a request is impersonated, <see cref="ImpersonatedUser"/> is the user it ran as, as in
/// the server's events.
/// </summary>
public sealed class AuditRecord
{
    public AuditRecord(HttpContext context, DateTimeOffset received)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        AuditId = Guid.NewGuid().ToString();
        Received = received;
        RequestUri = $"{request.PathBase}{request.Path}{request.QueryString}";
        SourceIp = context.Connection.RemoteIpAddress?.ToString();
        UserAgent = request.Headers.UserAgent.ToString();
        Verb = request.Method switch
        {
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "get",
        };
    }

    public string AuditId { get; }

    public DateTimeOffset Received { get; }

    public string RequestUri { get; }

    public string? SourceIp { get; }

    public string UserAgent { get; }

    /// <summary>The Kubernetes verb (get, list, watch, create, update, patch, delete); non-resource requests are get (or the method's verb).</summary>
    public string Verb { get; set; }

    public KubeUser? User { get; set; }

    public KubeUser? ImpersonatedUser { get; set; }

    public ResourceType? Resource { get; private set; }

    public string Namespace { get; private set; } = "";

    public string Name { get; set; } = "";

    public string? Subresource { get; private set; }

    /// <summary>Marks the request as one on a resource.</summary>
    public void Target(string verb, ResourceType resource, string ns, string name, string? subresource)
    {
        Verb = verb;
        Resource = resource;
        Namespace = ns;
        Name = name;
        Subresource = subresource;
    }

    /// <summary>The event, given how the request ended: the response code, the failure Status if any, and admission's annotations.</summary>
    public JsonObject ToEvent(int code, JsonObject? failure, IReadOnlyDictionary<string, string> annotations, DateTimeOffset completed)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var audit = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = AuditId,
            ["stage"] = "ResponseComplete",
            ["requestURI"] = RequestUri,
            ["verb"] = Verb,
            ["user"] = UserInfo(User),
        };
        if (ImpersonatedUser is not null)
        {
            audit["impersonatedUser"] = UserInfo(ImpersonatedUser);
        }

        audit["sourceIPs"] = SourceIp is null ? new JsonArray() : new JsonArray(SourceIp);
        if (UserAgent.Length > 0)
        {
            audit["userAgent"] = UserAgent;
        }

        if (Resource is not null)
        {
            var objectRef = new JsonObject { ["resource"] = Resource.Plural };
            if (Namespace.Length > 0)
            {
                objectRef["namespace"] = Namespace;
            }

            if (Name.Length > 0)
            {
                objectRef["name"] = Name;
            }

            if (Resource.Group.Length > 0)
            {
                objectRef["apiGroup"] = Resource.Group;
            }

            objectRef["apiVersion"] = Resource.Version;
            if (Subresource is not null)
            {
                objectRef["subresource"] = Subresource;
            }

            audit["objectRef"] = objectRef;
        }

        var status = new JsonObject { ["metadata"] = new JsonObject() };
        if (failure is not null)
        {
            foreach (var field in new[] { "status", "message", "reason" })
            {
                if (failure[field] is { } value)
                {
                    status[field] = value.DeepClone();
                }
            }
        }

        status["code"] = code;
        audit["responseStatus"] = status;
        audit["requestReceivedTimestamp"] = MicroTime(Received);
        audit["stageTimestamp"] = MicroTime(completed);
        if (annotations.Count > 0)
        {
            var map = new JsonObject();
            foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                map[key] = value;
            }

            audit["annotations"] = map;
        }

        return audit;
    }

    private static JsonObject UserInfo(KubeUser? user)
    {
        var info = new JsonObject();
        if (user is not null)
        {
            info["username"] = user.Username;
            info["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray());
        }

        return info;
    }

    /// <summary>metav1.MicroTime: RFC 3339 with microseconds, UTC.</summary>
    private static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
