using System.Text;

namespace IrOperator.Sandbox.Kube.Security;

/// <summary>
/// Writes a kubeconfig for the emulator: one cluster carrying the CA, one user and one context per
/// registered user (context named after the user), a chosen current context.
/// </summary>
public static class Kubeconfig
{
    public const string ClusterName = "iroperator-sandbox";

    public static string Render(Uri server, string caPem, IEnumerable<(string Username, string Token)> users, string currentContext, string defaultNamespace = "default")
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
        foreach (var (username, token) in list)
        {
            yaml.AppendLine($"- name: {username}");
            yaml.AppendLine("  user:");
            yaml.AppendLine($"    token: {token}");
        }

        yaml.AppendLine("contexts:");
        foreach (var (username, _) in list)
        {
            yaml.AppendLine($"- name: {username}");
            yaml.AppendLine("  context:");
            yaml.AppendLine($"    cluster: {ClusterName}");
            yaml.AppendLine($"    user: {username}");
            yaml.AppendLine($"    namespace: {defaultNamespace}");
        }

        yaml.AppendLine($"current-context: {currentContext}");
        return yaml.ToString();
    }
}
