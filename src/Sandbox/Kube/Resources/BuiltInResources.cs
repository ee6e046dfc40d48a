using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Printing;

namespace IrOperator.Sandbox.Kube.Resources;

/// <summary>The built-in kinds the emulator serves: those the operator and kubectl use, no more.</summary>
public static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "namespace", "Namespace", namespaced: false, hasStatus: true, "ns"),
        Core("secrets", "secret", "Secret", namespaced: true, hasStatus: false),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, hasStatus: false, "cm"),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, hasStatus: false, "sa"),
        Core("events", "event", "Event", namespaced: true, hasStatus: false, "ev"),
        Make("events.k8s.io", "v1", "events", "event", "Event", namespaced: true, hasStatus: false, "ev"),
        Make("coordination.k8s.io", "v1", "leases", "lease", "Lease", namespaced: true, hasStatus: false),
        Make(CustomResourceDefinitions.Group, "v1", CustomResourceDefinitions.Plural, "customresourcedefinition", "CustomResourceDefinition",
            namespaced: false, hasStatus: true, "crd", "crds"),
        Make(ValidatingAdmissionPolicies.Group, "v1", ValidatingAdmissionPolicies.PolicyPlural, "validatingadmissionpolicy", "ValidatingAdmissionPolicy", namespaced: false, hasStatus: true),
        Make(ValidatingAdmissionPolicies.Group, "v1", ValidatingAdmissionPolicies.BindingPlural, "validatingadmissionpolicybinding", "ValidatingAdmissionPolicyBinding", namespaced: false, hasStatus: false),
        .. Authorization.AccessControlResources.All,
    ];

    private static ResourceType Core(string plural, string singular, string kind, bool namespaced, bool hasStatus, params string[] shortNames) =>
        Make("", "v1", plural, singular, kind, namespaced, hasStatus, shortNames);

    internal static ResourceType Make(string group, string version, string plural, string singular, string kind, bool namespaced, bool hasStatus, params string[] shortNames) =>
        new(group, version, plural, singular, kind, namespaced, hasStatus, shortNames, [], Schema: null, time => TableBuilder.ForBuiltIn(group, kind, time));
}
