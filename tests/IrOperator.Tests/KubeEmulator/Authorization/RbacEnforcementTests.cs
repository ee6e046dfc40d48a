using System.Net;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>
/// RBAC on every request, through KubernetesClient, with the sandbox's RBAC (the Helm chart's, deploy/sandbox):
/// what alice, bob and the operator's service account may and may not do, the exact 403, and changes
/// to roles and bindings taking effect on the next request.
/// </summary>
public sealed class RbacEnforcementTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    private const string Grants = "incident-response";
    private const string Group = "iroperator.io";
    private const string Version = "v1alpha1";

    [Fact]
    public async Task Alice_may_create_a_grant_but_not_a_ResponderRole()
    {
        using var alice = fixture.Emulator.CreateClient("alice");

        var created = await alice.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Grant("rbac-alice-creates"), Group, Version, Grants, "breakglassgrants");
        var (code, status) = await KubeErrors.StatusOfAsync(() =>
            alice.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(Role("rbac-alice-role"), Group, Version, "responderroles"));

        created["metadata"]!["uid"]!.GetValue<string>().Should().NotBeEmpty();
        code.Should().Be(403);
        JsonNode.DeepEquals(status, JsonNode.Parse("""
            {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
             "message": "responderroles.iroperator.io is forbidden: User \"alice\" cannot create resource \"responderroles\" in API group \"iroperator.io\" at the cluster scope",
             "reason": "Forbidden", "details": {"group": "iroperator.io", "kind": "responderroles"}, "code": 403}
            """)).Should().BeTrue(status.ToJsonString());
    }

    [Fact]
    public async Task Alice_may_not_patch_a_ResponderRole_nor_a_grants_status()
    {
        await fixture.Admin.CustomObjects.CreateClusterCustomObjectAsync(Role("rbac-patch-role"), Group, Version, "responderroles");
        using var alice = fixture.Emulator.CreateClient("alice");
        await alice.CustomObjects.CreateNamespacedCustomObjectAsync(Grant("rbac-status"), Group, Version, Grants, "breakglassgrants");

        var role = await KubeErrors.StatusOfAsync(() => alice.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"description":"mine now"}}""", V1Patch.PatchType.MergePatch), Group, Version, "responderroles", "rbac-patch-role"));
        var status = await KubeErrors.StatusOfAsync(() => alice.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Active"}}""", V1Patch.PatchType.MergePatch), Group, Version, Grants, "breakglassgrants", "rbac-status"));

        role.Status["message"]!.GetValue<string>().Should().Be(
            "responderroles.iroperator.io \"rbac-patch-role\" is forbidden: User \"alice\" cannot patch resource \"responderroles\" in API group \"iroperator.io\" at the cluster scope");
        status.Code.Should().Be(403);
        status.Status["message"]!.GetValue<string>().Should().Be(
            "breakglassgrants.iroperator.io \"rbac-status\" is forbidden: User \"alice\" cannot patch resource \"breakglassgrants/status\" in API group \"iroperator.io\" in the namespace \"incident-response\"");
        JsonNode.DeepEquals(status.Status["details"], JsonNode.Parse("""{"name": "rbac-status", "group": "iroperator.io", "kind": "breakglassgrants"}""")).Should().BeTrue();
    }

    [Fact]
    public async Task Only_the_operators_service_account_writes_status_and_approvers_only_patch_grants()
    {
        await fixture.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(Grant("rbac-operator"), Group, Version, Grants, "breakglassgrants");
        using var bob = fixture.Emulator.CreateClient("bob");
        using var op = fixture.Emulator.CreateClient(SandboxUsers.OperatorUsername);

        var approved = await bob.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"annotations":{"iroperator.io/approved-by":"bob"}}}""", V1Patch.PatchType.MergePatch), Group, Version, Grants, "breakglassgrants", "rbac-operator");
        var bobStatus = await KubeErrors.StatusOfAsync(() => bob.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Active"}}""", V1Patch.PatchType.MergePatch), Group, Version, Grants, "breakglassgrants", "rbac-operator"));
        var bobCreate = await KubeErrors.StatusOfAsync(() => bob.CustomObjects.CreateNamespacedCustomObjectAsync(Grant("rbac-bob"), Group, Version, Grants, "breakglassgrants"));
        var written = await op.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"status":{"phase":"Approved"}}""", V1Patch.PatchType.MergePatch), Group, Version, Grants, "breakglassgrants", "rbac-operator");
        var lease = await op.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "rbac-lease" }, Spec = new V1LeaseSpec { HolderIdentity = "op" } }, SandboxUsers.OperatorNamespace);
        var leaseElsewhere = await KubeErrors.StatusOfAsync(() => op.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "rbac-lease" } }, "default"));

        approved["metadata"]!["annotations"]!["iroperator.io/approved-by"]!.GetValue<string>().Should().Be("bob");
        bobStatus.Code.Should().Be(403);
        bobCreate.Status["message"]!.GetValue<string>().Should().Be(
            "breakglassgrants.iroperator.io is forbidden: User \"bob\" cannot create resource \"breakglassgrants\" in API group \"iroperator.io\" in the namespace \"incident-response\"");
        written["status"]!["phase"]!.GetValue<string>().Should().Be("Approved");
        lease.Spec.HolderIdentity.Should().Be("op");
        leaseElsewhere.Status["message"]!.GetValue<string>().Should().Be(
            "leases.coordination.k8s.io is forbidden: User \"system:serviceaccount:iroperator-system:iroperator\" cannot create resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\"");
    }

    [Fact]
    public async Task A_new_binding_grants_at_once_and_deleting_it_refuses_at_once()
    {
        var ns = "rbac-live-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        using var carol = fixture.Emulator.CreateClient("carol");
        var before = await KubeErrors.StatusOfAsync(() => carol.CoreV1.ListNamespacedConfigMapAsync(ns));

        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role
            {
                Metadata = new V1ObjectMeta { Name = "settings-reader" },
                Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"], ResourceNames = ["settings"] }],
            },
            ns);
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "carol-reads-settings" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "settings-reader" },
                Subjects = [new Rbacv1Subject { Kind = "User", Name = "carol", ApiGroup = "rbac.authorization.k8s.io" }],
            },
            ns);
        await fixture.Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, ns);
        await fixture.Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, ns);
        var named = await carol.CoreV1.ReadNamespacedConfigMapAsync("settings", ns);
        var otherName = await KubeErrors.StatusOfAsync(() => carol.CoreV1.ReadNamespacedConfigMapAsync("other", ns));
        await fixture.Admin.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("carol-reads-settings", ns);
        var after = await KubeErrors.StatusOfAsync(() => carol.CoreV1.ReadNamespacedConfigMapAsync("settings", ns));

        before.Code.Should().Be(403);
        named.Metadata.Name.Should().Be("settings");
        otherName.Status["message"]!.GetValue<string>().Should().Be(
            $"configmaps \"other\" is forbidden: User \"carol\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"");
        after.Code.Should().Be(403);
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_is_the_refusals_reason()
    {
        var ns = "rbac-missing-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "dangling" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "not-there" },
                Subjects = [new Rbacv1Subject { Kind = "Group", Name = "ir-approvers", ApiGroup = "rbac.authorization.k8s.io" }],
            },
            ns);
        using var carol = fixture.Emulator.CreateClient("carol");

        var refused = await KubeErrors.StatusOfAsync(() => carol.CoreV1.ListNamespacedSecretAsync(ns));

        refused.Status["message"]!.GetValue<string>().Should().EndWith(
            $"in the namespace \"{ns}\": RBAC: clusterrole.rbac.authorization.k8s.io \"not-there\" not found");
    }

    [Fact]
    public async Task Every_authenticated_user_may_discover_but_not_read_other_paths()
    {
        using var http = fixture.Emulator.CreateHttpClient("alice");

        using var apis = await http.GetAsync("/apis");
        using var groupVersion = await http.GetAsync("/apis/iroperator.io/v1alpha1");
        using var openapi = await http.GetAsync("/openapi/v3");
        using var other = await http.GetAsync("/metrics");
        using var adminHttp = fixture.Emulator.CreateHttpClient();
        using var adminOther = await adminHttp.GetAsync("/metrics");

        apis.StatusCode.Should().Be(HttpStatusCode.OK);
        groupVersion.StatusCode.Should().Be(HttpStatusCode.OK);
        openapi.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        JsonNode.Parse(await other.Content.ReadAsStringAsync())!["message"]!.GetValue<string>().Should().Be("forbidden: User \"alice\" cannot get path \"/metrics\"");
        adminOther.StatusCode.Should().Be(HttpStatusCode.NotFound, "system:masters passes authorization, and nothing is served there");
    }

    [Fact]
    public async Task Alice_cannot_list_grants_outside_her_namespace_nor_read_secrets()
    {
        using var alice = fixture.Emulator.CreateClient("alice");

        var allNamespaces = await KubeErrors.StatusOfAsync(() => alice.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "breakglassgrants"));
        var secrets = await KubeErrors.StatusOfAsync(() => alice.CoreV1.ListNamespacedSecretAsync(Grants));
        var roles = await alice.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Version, "responderroles");

        allNamespaces.Status["message"]!.GetValue<string>().Should().Be(
            "breakglassgrants.iroperator.io is forbidden: User \"alice\" cannot list resource \"breakglassgrants\" in API group \"iroperator.io\" at the cluster scope");
        secrets.Code.Should().Be(403);
        roles["items"].Should().NotBeNull("responders may read ResponderRoles");
    }

    private static JsonObject Grant(string name) => JsonNode.Parse($$$"""
        {"apiVersion": "iroperator.io/v1alpha1", "kind": "BreakGlassGrant",
         "metadata": {"name": "{{{name}}}"},
         "spec": {"role": "forensic-investigator", "principalArn": "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*",
                  "requestedBy": "alice", "duration": "1h", "incident": "INC-1", "reason": "rbac test"} }
        """)!.AsObject();

    private static JsonObject Role(string name) => JsonNode.Parse($$$"""
        {"apiVersion": "iroperator.io/v1alpha1", "kind": "ResponderRole",
         "metadata": {"name": "{{{name}}}"},
         "spec": {"preset": "SecurityAnalyst", "accounts": {"ids": ["111122223333"]},
                  "trust": {"principals": ["arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_SecurityAnalyst_*"]} } }
        """)!.AsObject();
}
