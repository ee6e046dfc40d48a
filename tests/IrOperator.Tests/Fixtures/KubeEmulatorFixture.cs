using IrOperator.Resources;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube;
using k8s;

namespace IrOperator.Tests.Fixtures;

/// <summary>
/// One Kubernetes API emulator per test class (use as <c>IClassFixture&lt;KubeEmulatorFixture&gt;</c>):
/// HTTPS on a free loopback port, the project's CRDs and the sandbox's RBAC (the Helm chart's, deploy/sandbox)
/// installed, users <c>admin</c> (system:masters), <c>alice</c> (ir-responders), <c>bob</c> and
/// <c>carol</c> (ir-approvers) and the operator's service account (<see cref="SandboxUsers.OperatorUsername"/>).
/// RBAC is enforced: write as admin unless the test is about what a user may do. Tests sharing it
/// must use their own object names or namespaces, and reset <c>Emulator.Faults</c> if they set any.
/// </summary>
public sealed class KubeEmulatorFixture : IAsyncLifetime
{
    private KubeApiEmulator? _emulator;
    private IKubernetes? _admin;

    public KubeApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>A client authenticated as admin.</summary>
    public IKubernetes Admin => _admin ?? throw new InvalidOperationException("the fixture is not initialized");

    public async Task InitializeAsync()
    {
        _emulator = await KubeApiEmulator.StartAsync(
            new KubeEmulatorOptions
            {
                BookmarkInterval = TimeSpan.FromMilliseconds(500),
                Users = SandboxUsers.All,
            },
            CancellationToken.None);
        _emulator.InstallCrds(CrdGenerator.GenerateAll());
        SandboxRbac.Apply(_emulator);
        _admin = _emulator.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
