namespace IrOperator.Sandbox.Kube.Authorization;

/// <summary>
/// The roles and bindings every real API server creates at start (cluster-admin, admin, edit, view,
/// system:discovery, system:public-info-viewer, system:basic-user), from BootstrapPolicy.yaml, embedded.
/// </summary>
public static class BootstrapPolicy
{
    public static string Yaml { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(BootstrapPolicy).Assembly.GetManifestResourceStream("IrOperator.Sandbox.Kube.Authorization.BootstrapPolicy.yaml")
                           ?? throw new InvalidOperationException("the bootstrap policy is not embedded in the sandbox assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
