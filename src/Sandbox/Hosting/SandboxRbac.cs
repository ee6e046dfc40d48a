using IrOperator.Sandbox.Kube;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// The sandbox's RBAC is the Helm chart's: its namespaces (deploy/sandbox/namespaces.yaml, what an administrator
/// creates before installing), then the chart's service account, the operator's ClusterRole and Lease Role, and
/// the Roles of responders, approvers and the platform team with their bindings, as `helm template` renders them
/// for release <c>iroperator</c> in <c>iroperator-system</c> (deploy/sandbox/chart-rbac.yaml, made by
/// deploy/sandbox/render.sh; a test keeps it equal to the chart). The operator then runs with a token of that
/// service account (kubeconfig context <c>iroperator</c>), so a verb missing from the chart's ClusterRole fails
/// the sandbox. See docs/install.md and docs/kube-emulator.md, "The sandbox's default RBAC".
/// </summary>
public static class SandboxRbac
{
    private const string Prefix = "sandbox/";

    /// <summary>The namespace where the chart's requester and approver Roles are bound (its default grantNamespaces).</summary>
    public const string GrantNamespace = "incident-response";

    /// <summary>The chart's ClusterRole for the operator, for release <c>iroperator</c>.</summary>
    public const string OperatorClusterRole = "iroperator-operator";

    /// <summary>The manifests, in the order they are applied: namespaces.yaml, then chart-rbac.yaml.</summary>
    public static IReadOnlyList<(string Name, string Yaml)> Manifests { get; } =
        [Read("namespaces.yaml"), Read("chart-rbac.yaml")];

    /// <summary>The chart's rendered service account and RBAC (deploy/sandbox/chart-rbac.yaml).</summary>
    public static string ChartRbac => Manifests[1].Yaml;

    public static void Apply(KubeApiEmulator kube)
    {
        ArgumentNullException.ThrowIfNull(kube);
        foreach (var (_, yaml) in Manifests)
        {
            kube.ApplyManifests(yaml);
        }

        kube.AddServiceAccountUser(SandboxUsers.OperatorNamespace, SandboxUsers.OperatorServiceAccount);
    }

    private static (string Name, string Yaml) Read(string name)
    {
        using var stream = typeof(SandboxRbac).Assembly.GetManifestResourceStream(Prefix + name)
                           ?? throw new InvalidOperationException($"the sandbox was built without deploy/sandbox/{name}");
        using var reader = new StreamReader(stream);
        return (name, reader.ReadToEnd());
    }
}
