using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Authorization;
using IrOperator.Sandbox.Kube.Security;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>The 403 Status the server writes (responsewriters.Forbidden, apierrors.NewForbidden).</summary>
public sealed class ForbiddenTests
{
    private static readonly KubeUser Alice = new("alice", [KubeUser.AuthenticatedGroup]);

    [Fact]
    public void A_cluster_scoped_refusal_names_the_resource_group_and_scope()
    {
        var status = Forbidden.For(RequestAttributes.ForResource(Alice, "patch", "iroperator.io", "responderroles", name: "security-analyst"), "").Status;

        JsonNode.DeepEquals(status, JsonNode.Parse("""
            {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
             "message": "responderroles.iroperator.io \"security-analyst\" is forbidden: User \"alice\" cannot patch resource \"responderroles\" in API group \"iroperator.io\" at the cluster scope",
             "reason": "Forbidden",
             "details": {"name": "security-analyst", "group": "iroperator.io", "kind": "responderroles"},
             "code": 403}
            """)).Should().BeTrue(status.ToJsonString());
    }

    [Fact]
    public void A_namespaced_subresource_refusal_names_resource_slash_subresource_and_the_namespace()
    {
        var request = RequestAttributes.ForResource(Alice, "patch", "iroperator.io", "breakglassgrants", "status", "incident-response", "g1");

        Forbidden.For(request, "").Status["message"]!.GetValue<string>().Should().Be(
            "breakglassgrants.iroperator.io \"g1\" is forbidden: User \"alice\" cannot patch resource \"breakglassgrants/status\" in API group \"iroperator.io\" in the namespace \"incident-response\"");
    }

    [Fact]
    public void A_core_collection_refusal_has_no_group_and_no_name_in_details()
    {
        var status = Forbidden.For(RequestAttributes.ForResource(Alice, "list", "", "secrets", ns: "default"), "").Status;

        status["message"]!.GetValue<string>().Should().Be("secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"");
        JsonNode.DeepEquals(status["details"], JsonNode.Parse("""{"kind": "secrets"}""")).Should().BeTrue();
    }

    [Fact]
    public void A_path_refusal_says_forbidden_and_the_path_and_appends_the_reason()
    {
        var status = Forbidden.For(RequestAttributes.ForPath(Alice, "get", "/metrics"), "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found").Status;

        status["message"]!.GetValue<string>().Should().Be(
            "forbidden: User \"alice\" cannot get path \"/metrics\": RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
        status["details"]!.AsObject().Should().BeEmpty();
    }
}
