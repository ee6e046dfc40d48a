namespace IrOperator.Sandbox.Kube.OpenApi;

/// <summary>The built-in kinds the sandbox's API emulator serves (pass your own list if it serves others).</summary>
public static class BuiltInKinds
{
    public static IReadOnlyList<BuiltInKind> Default { get; } =
    [
        new("", "v1", "Namespace", "namespaces", false, "io.k8s.api.core.v1"),
        new("", "v1", "Secret", "secrets", true, "io.k8s.api.core.v1"),
        new("", "v1", "ConfigMap", "configmaps", true, "io.k8s.api.core.v1"),
        new("", "v1", "ServiceAccount", "serviceaccounts", true, "io.k8s.api.core.v1"),
        new("", "v1", "Event", "events", true, "io.k8s.api.core.v1"),
        new("events.k8s.io", "v1", "Event", "events", true, "io.k8s.api.events.v1"),
        new("coordination.k8s.io", "v1", "Lease", "leases", true, "io.k8s.api.coordination.v1"),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true, "io.k8s.api.rbac.v1"),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, "io.k8s.api.rbac.v1"),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, "io.k8s.api.rbac.v1"),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, "io.k8s.api.rbac.v1"),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, "io.k8s.api.admissionregistration.v1"),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false, "io.k8s.api.admissionregistration.v1"),
    ];
}
