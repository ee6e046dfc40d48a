using IrOperator.Hosting;
using IrOperator.Kube;
using IrOperator.Sandbox.Kube;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Runtime.Support;

/// <summary>
/// One Kubernetes API emulator per test class, with the Widget CRD installed. Clients carry the runtime's
/// retry and rate-limit handler, as the operator's do. Each test works in its own namespace.
/// </summary>
public sealed class RuntimeEmulator : IAsyncLifetime
{
    private int _namespaces;

    public KubeApiEmulator Emulator { get; private set; } = null!;

    /// <summary>The operator's client (retries, no client-side rate limit so tests are not throttled).</summary>
    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions(), CancellationToken.None);
        Emulator.InstallCrds([WidgetCrd.Definition()]);
        Client = NewClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    public IKubernetes NewClient(int maxRetries = 8) => KubeClientFactory.Create(
        Emulator.ClientConfiguration(),
        new KubeClientOptions { Qps = 0, MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromSeconds(1) },
        TimeProvider.System);

    /// <summary>A fresh namespace, so tests sharing the emulator do not see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task<Widget> CreateAsync(Widget widget) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            widget, WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, widget.Metadata.NamespaceProperty, WidgetCrd.Kind.Plural);

    public async Task<Widget> GetAsync(string ns, string name) =>
        await Client.CustomObjects.GetNamespacedCustomObjectAsync<Widget>(WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, ns, WidgetCrd.Kind.Plural, name);

    public async Task<IReadOnlyList<Widget>> ListAsync(string ns) =>
        (await Client.CustomObjects.ListNamespacedCustomObjectAsync<ResourceList<Widget>>(WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, ns, WidgetCrd.Kind.Plural)).Items?.ToList() ?? [];

    public async Task<Widget> PatchAsync(string ns, string name, string mergePatch, IKubernetes? client = null) =>
        await (client ?? Client).CustomObjects.PatchNamespacedCustomObjectAsync<Widget>(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, ns, WidgetCrd.Kind.Plural, name);

    public async Task DeleteAsync(string ns, string name) =>
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(WidgetCrd.Kind.Group, WidgetCrd.Kind.Version, ns, WidgetCrd.Kind.Plural, name);

    public Informer<Widget> NewInformer(string ns, TimeProvider? time = null, IKubernetes? client = null) =>
        new(client ?? Client, WidgetCrd.Kind, time ?? TimeProvider.System, new InformerOptions { Namespace = ns }, Serilog.Core.Logger.None);
}
