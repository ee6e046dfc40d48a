using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// The built-in kinds of access control: RBAC's four (stored and served like any built-in) and the
/// access reviews, which are create-only questions answered at once and never stored.
/// </summary>
public static class AccessControlResources
{
    public const string AuthorizationGroup = "authorization.k8s.io";
    public const string AuthenticationGroup = "authentication.k8s.io";

    private static readonly IReadOnlyList<string> CreateOnly = ["create"];

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        BuiltInResources.Make(RbacAuthorizer.Group, "v1", "roles", "role", "Role", namespaced: true, hasStatus: false),
        BuiltInResources.Make(RbacAuthorizer.Group, "v1", "clusterroles", "clusterrole", "ClusterRole", namespaced: false, hasStatus: false),
        BuiltInResources.Make(RbacAuthorizer.Group, "v1", "rolebindings", "rolebinding", "RoleBinding", namespaced: true, hasStatus: false),
        BuiltInResources.Make(RbacAuthorizer.Group, "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false, hasStatus: false),
        Review(AuthorizationGroup, "selfsubjectaccessreviews", "SelfSubjectAccessReview", namespaced: false),
        Review(AuthorizationGroup, "selfsubjectrulesreviews", "SelfSubjectRulesReview", namespaced: false),
        Review(AuthorizationGroup, "subjectaccessreviews", "SubjectAccessReview", namespaced: false),
        Review(AuthorizationGroup, "localsubjectaccessreviews", "LocalSubjectAccessReview", namespaced: true),
        Review(AuthenticationGroup, "selfsubjectreviews", "SelfSubjectReview", namespaced: false),
    ];

    /// <summary>True for the kinds that are questions (reviews), answered by <see cref="AccessReviews"/>.</summary>
    public static bool IsReview(ResourceType type) =>
        type is { Group: AuthorizationGroup or AuthenticationGroup };

    private static ResourceType Review(string group, string plural, string kind, bool namespaced) =>
        BuiltInResources.Make(group, "v1", plural, kind.ToLowerInvariant(), kind, namespaced, hasStatus: false) with { Verbs = CreateOnly };
}
