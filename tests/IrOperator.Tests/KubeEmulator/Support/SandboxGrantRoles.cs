using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube;

namespace IrOperator.Tests.KubeEmulator.Support;

/// <summary>
/// The sandbox's requester and approver Roles (deploy/sandbox-rbac, written for incident-response) bound
/// in a test's own namespace, so tests that use a fresh namespace give alice, bob and carol exactly the
/// rights they have in the sandbox, no more.
/// </summary>
public static class SandboxGrantRoles
{
    private static readonly string[] RoleFiles = ["10-responders.yaml", "20-approvers.yaml"];

    public static void Apply(KubeApiEmulator emulator, string ns)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        foreach (var (name, yaml) in SandboxRbac.Manifests.Where(m => RoleFiles.Contains(m.Name)))
        {
            emulator.ApplyManifests(yaml.Replace("namespace: incident-response", $"namespace: {ns}", StringComparison.Ordinal));
        }
    }
}
