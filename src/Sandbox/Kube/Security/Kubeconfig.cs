using System.Text;

namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// Writes a kubeconfig for the emulator: one cluster carrying the CA, one user and one context per
/// registered user (both named after the user, or a short name for a service account), a chosen
/// current context.
/// </summary>
public static class Kubeconfig
{
    public const string ClusterName = "iroperator-sandbox";

    public static string Render(Uri server, string caPem, IEnumerable<(string Name, string Token)> users, string currentContext, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(users);
        var list = users.ToList();
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: v1");
        yaml.AppendLine("kind: Config");
        yaml.AppendLine("clusters:");
        yaml.AppendLine($"- name: {ClusterName}");
        yaml.AppendLine("  cluster:");
        yaml.AppendLine($"    server: {server.GetLeftPart(UriPartial.Authority)}");
        yaml.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}");
        yaml.AppendLine("users:");
        foreach (var (name, token) in list)
        {
            yaml.AppendLine($"- name: {name}");
            yaml.AppendLine("  user:");
            yaml.AppendLine($"    token: {token}");
        }

        yaml.AppendLine("contexts:");
        foreach (var (name, _) in list)
        {
            yaml.AppendLine($"- name: {name}");
            yaml.AppendLine("  context:");
            yaml.AppendLine($"    cluster: {ClusterName}");
            yaml.AppendLine($"    user: {name}");
            yaml.AppendLine($"    namespace: {defaultNamespace}");
        }

        yaml.AppendLine($"current-context: {currentContext}");
        return yaml.ToString();
    }
}
