using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Fixtures;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>
/// Impersonation headers checked against the impersonate verb, and the access reviews (what
/// <c>kubectl auth can-i</c> and <c>auth whoami</c> send), through KubernetesClient and raw HTTP.
/// </summary>
public sealed class ImpersonationAndReviewTests(KubeEmulatorFixture fixture) : IClassFixture<KubeEmulatorFixture>
{
    [Fact]
    public async Task Admin_may_impersonate_a_user_and_group_and_the_request_runs_as_them()
    {
        using var http = fixture.Emulator.CreateHttpClient();

        var (code, review) = await PostAsync(http, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""",
            ("Impersonate-User", "bob"), ("Impersonate-Group", "ir-approvers"), ("Impersonate-Extra-Reason", "INC-1"));
        var (deleteCode, refused) = await SendAsync(http, HttpMethod.Delete, "/apis/iroperator.io/v1alpha1/namespaces/incident-response/breakglassgrants/nothing", null,
            ("Impersonate-User", "bob"), ("Impersonate-Group", "ir-approvers"));

        code.Should().Be(201);
        JsonNode.DeepEquals(review["status"]!["userInfo"], JsonNode.Parse("""
            {"username": "bob", "groups": ["ir-approvers", "system:authenticated"], "extra": {"reason": ["INC-1"]}}
            """)).Should().BeTrue(review.ToJsonString());
        deleteCode.Should().Be(403);
        refused["message"]!.GetValue<string>().Should().StartWith("breakglassgrants.iroperator.io \"nothing\" is forbidden: User \"bob\" cannot delete");
    }

    [Fact]
    public async Task Alice_may_not_impersonate_and_gets_the_servers_refusal()
    {
        using var http = fixture.Emulator.CreateHttpClient("alice");

        var (userCode, user) = await SendAsync(http, HttpMethod.Get, "/api/v1/namespaces/incident-response/configmaps", null, ("Impersonate-User", "bob"));
        var (saCode, sa) = await SendAsync(http, HttpMethod.Get, "/api/v1/namespaces", null, ("Impersonate-User", SandboxUsers.OperatorUsername));
        var (groupOnlyCode, _) = await SendAsync(http, HttpMethod.Get, "/api/v1/namespaces", null, ("Impersonate-Group", "system:masters"));

        userCode.Should().Be(403);
        JsonNode.DeepEquals(user, JsonNode.Parse("""
            {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
             "message": "users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
             "reason": "Forbidden", "details": {"name": "bob", "kind": "users"}, "code": 403}
            """)).Should().BeTrue(user.ToJsonString());
        saCode.Should().Be(403);
        sa["message"]!.GetValue<string>().Should().Be(
            "serviceaccounts \"iroperator\" is forbidden: User \"alice\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"iroperator-system\"");
        groupOnlyCode.Should().Be(500, "groups without a user is refused before authorization, as the server does");
    }

    [Fact]
    public async Task The_impersonate_verb_on_one_user_lets_carol_act_as_that_user_only_and_each_group_is_checked()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await fixture.Admin.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "impersonate-alice-" + suffix },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["users"], Verbs = ["impersonate"], ResourceNames = ["alice"] }],
        });
        await fixture.Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "carol-impersonates-alice-" + suffix },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "impersonate-alice-" + suffix },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = "carol", ApiGroup = "rbac.authorization.k8s.io" }],
        });
        using var http = fixture.Emulator.CreateHttpClient("carol");

        var (asAlice, review) = await PostAsync(http, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", ("Impersonate-User", "alice"));
        var (asBob, _) = await PostAsync(http, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", ("Impersonate-User", "bob"));
        var (withGroup, group) = await PostAsync(http, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""",
            ("Impersonate-User", "alice"), ("Impersonate-Group", "ir-responders"));

        asAlice.Should().Be(201);
        JsonNode.DeepEquals(review["status"]!["userInfo"], JsonNode.Parse("""{"username": "alice", "groups": ["system:authenticated"]}""")).Should().BeTrue(review.ToJsonString());
        asBob.Should().Be(403);
        withGroup.Should().Be(403);
        group["message"]!.GetValue<string>().Should().Be(
            "groups \"ir-responders\" is forbidden: User \"carol\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task Impersonating_a_service_account_gives_its_groups()
    {
        using var http = fixture.Emulator.CreateHttpClient();

        var (_, review) = await PostAsync(http, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""",
            ("Impersonate-User", SandboxUsers.OperatorUsername));

        review["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>())
            .Should().Equal("system:serviceaccounts", "system:serviceaccounts:iroperator-system", "system:authenticated");
    }

    [Fact]
    public async Task A_SelfSubjectAccessReview_answers_for_the_caller()
    {
        using var alice = fixture.Emulator.CreateClient("alice");

        var create = await alice.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Ssar("create", "breakglassgrants", "", "incident-response"));
        var status = await alice.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Ssar("patch", "breakglassgrants", "status", "incident-response"));
        var role = await alice.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Ssar("patch", "responderroles", "", ""));

        create.Status.Allowed.Should().BeTrue();
        create.Status.Reason.Should().Be("RBAC: allowed by RoleBinding \"iroperator-grant-requesters/incident-response\" of Role \"iroperator-grant-requester\" to Group \"ir-responders\"");
        status.Status.Allowed.Should().BeFalse();
        role.Status.Allowed.Should().BeFalse();
    }

    [Fact]
    public async Task A_SubjectAccessReview_answers_for_the_user_in_spec_and_needs_permission_to_ask()
    {
        var review = new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = SandboxUsers.OperatorUsername,
                Groups = ["system:serviceaccounts", "system:serviceaccounts:iroperator-system", "system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes { Verb = "patch", Group = "iroperator.io", Resource = "breakglassgrants", Subresource = "status", NamespaceProperty = "incident-response" },
            },
        };
        using var alice = fixture.Emulator.CreateClient("alice");

        var answer = await fixture.Admin.AuthorizationV1.CreateSubjectAccessReviewAsync(review);
        var (code, _) = await KubeErrors.StatusOfAsync(() => alice.AuthorizationV1.CreateSubjectAccessReviewAsync(review));

        answer.Status.Allowed.Should().BeTrue();
        answer.Status.Reason.Should().Contain("ClusterRoleBinding \"iroperator-operator\"").And.Contain("ServiceAccount \"iroperator/iroperator-system\"");
        code.Should().Be(403);
    }

    [Fact]
    public async Task A_SelfSubjectRulesReview_lists_the_rules_of_the_namespace()
    {
        using var bob = fixture.Emulator.CreateClient("bob");

        var rules = await bob.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "incident-response" } });

        rules.Status.Incomplete.Should().BeFalse();
        rules.Status.ResourceRules.Should().ContainSingle(r => r.Resources.Contains("breakglassgrants"))
            .Which.Verbs.Should().Equal("get", "list", "watch", "patch");
        rules.Status.NonResourceRules.Should().Contain(r => r.NonResourceURLs.Contains("/apis/*"));
    }

    [Fact]
    public async Task Discovery_lists_the_access_control_groups_with_create_only_reviews()
    {
        using var http = fixture.Emulator.CreateHttpClient("alice");

        var authorization = JsonNode.Parse(await http.GetStringAsync("/apis/authorization.k8s.io/v1"))!;
        var rbac = JsonNode.Parse(await http.GetStringAsync("/apis/rbac.authorization.k8s.io/v1"))!;
        var groups = JsonNode.Parse(await http.GetStringAsync("/apis"))!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>());

        groups.Should().Contain(["authorization.k8s.io", "authentication.k8s.io", "rbac.authorization.k8s.io"]);
        authorization["resources"]!.AsArray().Select(r => $"{r!["name"]}:{string.Join(',', r["verbs"]!.AsArray().Select(v => v!.GetValue<string>()))}")
            .Should().BeEquivalentTo("selfsubjectaccessreviews:create", "selfsubjectrulesreviews:create", "subjectaccessreviews:create", "localsubjectaccessreviews:create");
        rbac["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().BeEquivalentTo("roles", "clusterroles", "rolebindings", "clusterrolebindings");
    }

    private static V1SelfSubjectAccessReview Ssar(string verb, string resource, string subresource, string ns) => new()
    {
        Spec = new V1SelfSubjectAccessReviewSpec
        {
            ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = "iroperator.io", Resource = resource, Subresource = subresource, NamespaceProperty = ns },
        },
    };

    private static Task<(int Code, JsonObject Body)> PostAsync(HttpClient http, string path, string body, params (string Name, string Value)[] headers) =>
        SendAsync(http, HttpMethod.Post, path, body, headers);

    private static async Task<(int Code, JsonObject Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
