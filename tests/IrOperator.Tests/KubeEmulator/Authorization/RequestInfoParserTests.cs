using IrOperator.Sandbox.Kube.Authorization;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>How a URL becomes what RBAC decides on, as the server's RequestInfoFactory reads it.</summary>
public sealed class RequestInfoParserTests
{
    private static readonly KubeUser Alice = new("alice", [KubeUser.AuthenticatedGroup]);

    public static TheoryData<string, string, string?, string?, string> Cases => new()
    {
        // method, path, watch, fieldSelector, expected "verb group resource sub ns name" or "path <verb> <path>"
        { "GET", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants", null, null, "list iroperator.io breakglassgrants - ir -" },
        { "GET", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants", "true", null, "watch iroperator.io breakglassgrants - ir -" },
        { "GET", "/apis/iroperator.io/v1alpha1/watch/namespaces/ir/breakglassgrants", null, null, "watch iroperator.io breakglassgrants - ir -" },
        { "GET", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants", null, "metadata.name=g1", "list iroperator.io breakglassgrants - ir g1" },
        { "GET", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants/g1", null, null, "get iroperator.io breakglassgrants - ir g1" },
        { "PATCH", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants/g1/status", null, null, "patch iroperator.io breakglassgrants status ir g1" },
        { "PUT", "/apis/iroperator.io/v1alpha1/responderroles/r1", null, null, "update iroperator.io responderroles - - r1" },
        { "POST", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants", null, null, "create iroperator.io breakglassgrants - ir -" },
        { "DELETE", "/apis/iroperator.io/v1alpha1/namespaces/ir/breakglassgrants", null, null, "deletecollection iroperator.io breakglassgrants - ir -" },
        { "DELETE", "/api/v1/namespaces/ir", null, null, "delete - namespaces - ir ir" },
        { "PUT", "/api/v1/namespaces/ir/finalize", null, null, "update - namespaces finalize ir ir" },
        { "GET", "/api/v1/namespaces", null, null, "list - namespaces - - -" },
        { "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", null, null, "create authorization.k8s.io selfsubjectaccessreviews - - -" },
        { "GET", "/api", null, null, "path get /api" },
        { "GET", "/api/v1", null, null, "path get /api/v1" },
        { "GET", "/apis/iroperator.io/v1alpha1", null, null, "path get /apis/iroperator.io/v1alpha1" },
        { "GET", "/openapi/v3", null, null, "path get /openapi/v3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_url_alone_decides_verb_resource_namespace_and_name(string method, string path, string? watch, string? fieldSelector, string expected)
    {
        var a = RequestInfoParser.Parse(Alice, method, path, watch, fieldSelector);

        var actual = a.IsResourceRequest
            ? string.Join(' ', a.Verb, Dash(a.ApiGroup), a.Resource, Dash(a.Subresource), Dash(a.Namespace), Dash(a.Name))
            : $"path {a.Verb} {a.Path}";
        actual.Should().Be(expected);
    }

    private static string Dash(string value) => value.Length == 0 ? "-" : value;
}
