using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Schema;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// Answers the access reviews (what <c>kubectl auth can-i</c>, <c>can-i --list</c> and <c>auth whoami</c>
/// send): the posted object comes back with its <c>status</c> filled in, 201, nothing stored.
/// SelfSubjectAccessReview and SelfSubjectRulesReview ask about the requesting user, SubjectAccessReview
/// and LocalSubjectAccessReview about the user in <c>spec</c>, SelfSubjectReview says who you are.
/// </summary>
public sealed class AccessReviews
{
    private readonly RbacAuthorizer _rbac;

    public AccessReviews(RbacAuthorizer rbac) => _rbac = rbac ?? throw new ArgumentNullException(nameof(rbac));

    public JsonObject Review(ResourceType type, string ns, JsonObject review, KubeUser user)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(user);
        var answer = (JsonObject)review.DeepClone();
        answer["apiVersion"] = type.ApiVersion;
        answer["kind"] = type.Kind;
        if (answer["metadata"] is not JsonObject metadata)
        {
            answer["metadata"] = metadata = new JsonObject();
        }

        metadata["creationTimestamp"] = null;
        var spec = answer["spec"] as JsonObject ?? new JsonObject();
        answer["status"] = type.Kind switch
        {
            "SelfSubjectAccessReview" => Access(type, spec, user, ns),
            "SubjectAccessReview" => Access(type, spec, SubjectOf(type, spec), ns),
            "LocalSubjectAccessReview" => Access(type, spec, SubjectOf(type, spec), ns),
            "SelfSubjectRulesReview" => Rules(spec, user),
            "SelfSubjectReview" => new JsonObject { ["userInfo"] = UserInfo(user) },
            _ => throw StatusObjects.NotFound("the server could not find the requested resource"),
        };
        return answer;
    }

    private static KubeUser SubjectOf(ResourceType type, JsonObject spec)
    {
        var username = Text(spec["user"]);
        var groups = Strings(spec["groups"]);
        if (username.Length == 0 && groups.Count == 0)
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(type.Group, type.Kind, "",
                [FieldError.Invalid("spec.user", "", "at least one of user or group must be specified")]));
        }

        var extra = (spec["extra"] as JsonObject)?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)Strings(e.Value)) ?? [];
        return new KubeUser(username, groups) { Uid = Text(spec["uid"]) is { Length: > 0 } uid ? uid : null, Extra = extra };
    }

    private JsonObject Access(ResourceType type, JsonObject spec, KubeUser subject, string urlNamespace)
    {
        var resource = spec["resourceAttributes"] as JsonObject;
        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        if ((resource is null) == (nonResource is null))
        {
            throw new KubeApiException(FieldErrorStatus.Invalid(type.Group, type.Kind, "",
                [FieldError.Invalid("spec.resourceAttributes", FieldError.OmittedValue, "exactly one of nonResourceAttributes or resourceAttributes must be specified")]));
        }

        RequestAttributes request;
        if (resource is not null)
        {
            var ns = Text(resource["namespace"]);
            if (type.Namespaced && ns != urlNamespace)
            {
                throw new KubeApiException(FieldErrorStatus.Invalid(type.Group, type.Kind, "",
                    [FieldError.Invalid("spec.resourceAttributes.namespace", ns, "must match metadata.namespace")]));
            }

            request = RequestAttributes.ForResource(subject, Text(resource["verb"]), Text(resource["group"]), Text(resource["resource"]),
                Text(resource["subresource"]), ns, Text(resource["name"]), Text(resource["version"]));
        }
        else
        {
            request = RequestAttributes.ForPath(subject, Text(nonResource!["verb"]), Text(nonResource["path"]));
        }

        var decision = _rbac.Authorize(request);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return status;
    }

    private JsonObject Rules(JsonObject spec, KubeUser user)
    {
        var errors = new List<string>();
        var rules = _rbac.RulesFor(user, Text(spec["namespace"]), errors).SelectMany(s => s.Rules).ToList();
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray(rules.Where(r => r.NonResourceUrls.Count == 0).Select(r => (JsonNode)r.ToJson()).ToArray()),
            ["nonResourceRules"] = new JsonArray(rules.Where(r => r.NonResourceUrls.Count > 0).Select(r => (JsonNode)r.ToJson()).ToArray()),
            ["incomplete"] = errors.Count > 0,
        };
        if (errors.Count > 0)
        {
            status["evaluationError"] = RbacAuthorizer.Reason(errors);
        }

        return status;
    }

    private static JsonObject UserInfo(KubeUser user)
    {
        var info = new JsonObject { ["username"] = user.Username };
        if (user.Uid is { Length: > 0 } uid)
        {
            info["uid"] = uid;
        }

        info["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray());
        if (user.Extra.Count > 0)
        {
            info["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray(e.Value.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()))));
        }

        return info;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(Text).Where(s => s.Length > 0).ToList() ?? [];
}
