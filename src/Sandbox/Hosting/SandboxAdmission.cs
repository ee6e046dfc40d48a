using IrOperator.Sandbox.Kube;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The chart's admission policies, applied by the sandbox as the chart ships them: the files of
/// deploy/helm/ir-operator/files/admission (embedded), whose defaults (approver group ir-approvers, prefix oidc:,
/// the operator's service account iroperator-system/iroperator) are the sandbox's. Policies before bindings, so a
/// binding never points at a policy that is not there yet. See docs/approvals.md.
/// </summary>
public static class SandboxAdmission
{
    private const string Prefix = "admission/";

    /// <summary>The manifests (file name, YAML), in the order they are applied.</summary>
    public static IReadOnlyList<(string Name, string Yaml)> Manifests { get; } = Read();

    public static void Apply(KubeApiEmulator kube)
    {
        ArgumentNullException.ThrowIfNull(kube);
        foreach (var (_, yaml) in Manifests)
        {
            kube.ApplyManifests(yaml);
        }
    }

    private static List<(string Name, string Yaml)> Read()
    {
        var assembly = typeof(SandboxAdmission).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (Name: n[Prefix.Length..], Yaml: reader.ReadToEnd());
            })
            .OrderBy(m => m.Yaml.Contains("kind: ValidatingAdmissionPolicyBinding", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }
}
