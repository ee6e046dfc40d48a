using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Tests.Resources;
using IrOperator.Tests.Runtime.Support;
using k8s;

namespace IrOperator.Tests.SandboxHosting;

/// <summary>
/// The sandbox runs the product: `iroperator run`'s code, configured only by the state folder's kubeconfig
/// and the AWS profile it wrote, with the examples applied, makes every example ResponderRole's IAM role
/// appear in its accounts and fills ACCOUNTS READY.
/// </summary>
public sealed class SandboxOperatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-operator-").FullName;

    [Fact]
    public async Task The_sandbox_operator_provisions_the_example_roles_in_the_emulated_accounts()
    {
        await using var host = await SandboxHost.StartAsync(
            new SandboxOptions { StateDir = _dir, RunOperator = true, ExamplesDir = GeneratedCrds.OutputPath("examples") },
            CancellationToken.None);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(host.KubeconfigPath));

        host.ExamplesApplied.Should().Be(Examples.Manifests.Count);
        host.Operator!.Settings.Kubeconfig.Should().Be(host.KubeconfigPath);
        host.Operator.Settings.Aws.Profile.Should().Be("operator");
        await Eventually.HoldsAsync(
            async () =>
            {
                var roles = await client.CustomObjects.ListClusterCustomObjectAsync<k8s.Models.KubernetesList<ResponderRole>>(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);
                return roles.Items.Count == Examples.Roles.Count && roles.Items.All(r => r.Status?.AccountsReady is { } ready && ready.Split('/')[0] == ready.Split('/')[1] && ready != "0/0");
            },
            TimeSpan.FromSeconds(60));
        foreach (var role in Examples.Roles)
        {
            foreach (var account in role.Spec.Accounts.Ids ?? [])
            {
                host.Aws.Emulator.Role(account, role.IamRoleName).Should().NotBeNull($"{role.Metadata.Name} selects {account}");
            }
        }
        host.Usage().Should().Contain(l => l.Contains("--path-prefix /incident-response/", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
