using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>
/// RBAC's escalation prevention through KubernetesClient: carol, made admin of one namespace, may write
/// Roles and bindings there only within what she holds, unless she has the escalate or bind verb.
/// </summary>
public sealed class EscalationTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    [Fact]
    public async Task A_namespace_admin_may_grant_what_she_holds_and_nothing_more()
    {
        var ns = await NamespaceWithCarolAsAdminAsync();
        using var carol = fixture.Emulator.CreateClient("carol");

        var held = await carol.RbacAuthorizationV1.CreateNamespacedRoleAsync(Role("cm-editor", "", "configmaps", "get", "update"), ns);
        var (code, status) = await KubeErrors.StatusOfAsync(() => carol.RbacAuthorizationV1.CreateNamespacedRoleAsync(Role("grant-status", "iroperator.io", "breakglassgrants/status", "patch", "update"), ns));
        var bindEdit = await carol.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(Binding("alice-edits", "ClusterRole", "edit", "alice"), ns);
        var bindAdmin = await KubeErrors.StatusOfAsync(() => carol.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(Binding("alice-all", "ClusterRole", "cluster-admin", "alice"), ns));

        held.Metadata.Name.Should().Be("cm-editor");
        code.Should().Be(403);
        status["reason"]!.GetValue<string>().Should().Be("Forbidden");
        status["message"]!.GetValue<string>().Should().Be(
            "roles.rbac.authorization.k8s.io \"grant-status\" is forbidden: user \"carol\" (groups=[\"ir-approvers\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
            + "{APIGroups:[\"iroperator.io\"], Resources:[\"breakglassgrants/status\"], Verbs:[\"patch\" \"update\"]}");
        bindEdit.RoleRef.Name.Should().Be("edit");
        bindAdmin.Code.Should().Be(403);
        bindAdmin.Status["message"]!.GetValue<string>().Should().StartWith("rolebindings.rbac.authorization.k8s.io \"alice-all\" is forbidden: user \"carol\"")
            .And.Contain("{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
    }

    [Fact]
    public async Task The_bind_verb_on_a_role_lets_her_bind_it_without_holding_it()
    {
        var ns = await NamespaceWithCarolAsAdminAsync();
        var role = Role("may-bind-cluster-admin", "rbac.authorization.k8s.io", "clusterroles", "bind");
        role.Rules[0].ResourceNames = ["cluster-admin"];
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, ns);
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(Binding("carol-binds", "Role", "may-bind-cluster-admin", "carol"), ns);
        using var carol = fixture.Emulator.CreateClient("carol");

        var bound = await carol.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(Binding("alice-all", "ClusterRole", "cluster-admin", "alice"), ns);

        bound.RoleRef.Name.Should().Be("cluster-admin");
    }

    private async Task<string> NamespaceWithCarolAsAdminAsync()
    {
        var ns = "escalate-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(Binding("carol-admin", "ClusterRole", "admin", "carol"), ns);
        return ns;
    }

    private static V1Role Role(string name, string group, string resource, params string[] verbs) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Rules = [new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = verbs }],
    };

    private static V1RoleBinding Binding(string name, string kind, string role, string user) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = kind, Name = role },
        Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = user }],
    };
}
