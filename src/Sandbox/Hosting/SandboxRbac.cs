using IrOperator.Sandbox.Kube;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The sandbox's RBAC: the manifests of deploy/sandbox-rbac (embedded), applied in file-name order, and
/// a token for the operator's service account they bind (kubeconfig context <c>iroperator</c>). See
/// docs/kube-emulator.md, "The sandbox's default RBAC".
/// </summary>
public static class SandboxRbac
{
    private const string Prefix = "sandbox-rbac/";

    /// <summary>The manifests, in the order they are applied.</summary>
    public static IReadOnlyList<(string Name, string Yaml)> Manifests { get; } = Read();

    public static void Apply(KubeApiEmulator kube)
    {
        ArgumentNullException.ThrowIfNull(kube);
        foreach (var (_, yaml) in Manifests)
        {
            kube.ApplyManifests(yaml);
        }

        kube.AddServiceAccountUser(SandboxUsers.OperatorNamespace, SandboxUsers.OperatorServiceAccount);
    }

    private static List<(string Name, string Yaml)> Read()
    {
        var assembly = typeof(SandboxRbac).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[Prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
