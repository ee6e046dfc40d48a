using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator.Support;

/// <summary>
/// The chart's requester and approver Roles and bindings (rendered for incident-response, applied by the
/// sandbox) bound in a test's own namespace, so tests that use a fresh namespace give alice, bob and carol
/// exactly the rights they have in the sandbox, no more.
/// </summary>
public static class SandboxGrantRoles
{
    public static void Apply(KubeApiEmulator emulator, string ns)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        foreach (var document in KubernetesYaml.LoadAllFromString(SandboxRbac.ChartRbac))
        {
            if (document is V1Role role && role.Metadata.NamespaceProperty == SandboxRbac.GrantNamespace)
            {
                role.Metadata.NamespaceProperty = ns;
                emulator.ApplyManifests(KubernetesYaml.Serialize(role));
            }
            else if (document is V1RoleBinding binding && binding.Metadata.NamespaceProperty == SandboxRbac.GrantNamespace)
            {
                binding.Metadata.NamespaceProperty = ns;
                emulator.ApplyManifests(KubernetesYaml.Serialize(binding));
            }
        }
    }
}
