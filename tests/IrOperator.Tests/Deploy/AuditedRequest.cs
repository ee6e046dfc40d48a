using System.Text.Json.Nodes;

namespace IrOperator.Tests.Deploy;

/// <summary>One line of the API server's audit log (audit.k8s.io/v1 Event): what was asked, on what, and the answer.</summary>
public sealed record AuditedRequest(string Verb, string Uri, int Code, RbacPermission? Permission, string Namespace, string Name)
{
    public static AuditedRequest From(JsonObject audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var verb = audit["verb"]!.GetValue<string>();
        var target = audit["objectRef"];
        var permission = target is null
            ? null
            : new RbacPermission(Text(target["apiGroup"]), Text(target["resource"]), Text(target["subresource"]), verb);
        return new(verb, Text(audit["requestURI"]), audit["responseStatus"]!["code"]!.GetValue<int>(), permission,
            Text(target?["namespace"]), Text(target?["name"]));
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
