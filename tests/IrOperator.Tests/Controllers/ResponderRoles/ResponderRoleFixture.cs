using Amazon.Runtime;
using IrOperator.Aws.Iam;
using IrOperator.Controllers.ResponderRoles;
using IrOperator.Resources;
using IrOperator.Sandbox.Aws;
using IrOperator.Tests.AwsClients;
using IrOperator.Tests.Fixtures;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Emulator = IrOperator.Sandbox.Aws.AwsEmulator;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// Both emulators for one test class, over loopback: the Kubernetes API emulator (HTTPS, CRDs installed)
/// and the AWS emulator with the sample organization on the real clock, IAM's consistency delay switched on.
/// Tests start the ResponderRole controller with <see cref="StartOperator"/> (the production factory, the
/// real AWS stack: STS into the provisioner role, signed IAM calls), use their own role names, and assert IAM
/// through the IAM API.
/// </summary>
public sealed class ResponderRoleFixture : IAsyncLifetime
{
    /// <summary>How long a write takes to show in reads (the emulator's fault); the operator's window is longer.</summary>
    public static readonly TimeSpan ConsistencyDelay = TimeSpan.FromMilliseconds(800);

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    private readonly KubeEmulatorFixture _kube = new();
    private Emulator? _aws;
    private AwsTestStack? _stack;

    public IKubernetes Admin => _kube.Admin;

    /// <summary>The Kubernetes emulator itself (kubeconfigs for the sandbox users, faults).</summary>
    public IrOperator.Sandbox.Kube.KubeApiEmulator Kube => _kube.Emulator;

    public Emulator Aws => _aws ?? throw new InvalidOperationException("not initialized");

    /// <summary>The operator's AWS stack, also used by tests to read IAM (as the provisioner role).</summary>
    internal AwsTestStack Stack => _stack ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        await _kube.InitializeAsync();
        _aws = await Emulator.StartAsync(new IrOperator.Sandbox.Aws.AwsEmulatorOptions());
        _aws.Faults.ConsistencyDelay = ConsistencyDelay;
        _stack = EmulatorStacks.Create(_aws);
    }

    public async Task DisposeAsync()
    {
        _stack?.Dispose();
        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }
        await _kube.DisposeAsync();
    }

    public static ResponderRoleOptions FastOptions() => new()
    {
        ResyncInterval = TimeSpan.FromSeconds(2),
        PropagationWindow = TimeSpan.FromSeconds(3),
        MaxParallelAccounts = 4,
        ClusterId = "test",
    };

    /// <summary>Starts the controller as a fresh operator process would (no memory of earlier writes).</summary>
    public RunningOperator StartOperator(ResponderRoleOptions? options = null) => RunningOperator.Start(this, options ?? FastOptions());

    /// <summary>An IAM client of an account signed as an administrator of it: changes "made outside the operator".</summary>
    internal IIamClient Outsider(string account)
    {
        var key = Aws.CreateUser(account, $"outsider-{Guid.NewGuid():N}"[..20], IrOperator.Sandbox.Aws.Identity.SamplePolicies.Administrator);
        return Stack.Factory.Iam(account, new StaticCredentialSource(new ImmutableCredentials(key.AccessKeyId, key.SecretAccessKey, key.SessionToken)));
    }

    public async Task<ResponderRole> CreateAsync(ResponderRole role) =>
        await Admin.CustomObjects.CreateClusterCustomObjectAsync<ResponderRole>(role, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural);

    public async Task<ResponderRole?> GetAsync(string name)
    {
        try
        {
            return await Admin.CustomObjects.GetClusterCustomObjectAsync<ResponderRole>(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Changes the spec (read-modify-write with the resourceVersion lock, retried on conflict).</summary>
    public async Task UpdateSpecAsync(string name, Action<ResponderRoleSpec> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(name) ?? throw new InvalidOperationException($"{name} is gone");
            change(current.Spec);
            try
            {
                await Admin.CustomObjects.ReplaceClusterCustomObjectAsync<ResponderRole>(current, IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, name);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }
    }

    public Task DeleteAsync(string name) =>
        Admin.CustomObjects.DeleteClusterCustomObjectAsync(IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, name);

    /// <summary>Waits until the object's status satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<ResponderRole> StatusAsync(string name, Func<ResponderRole, bool> condition)
    {
        ResponderRole? last = null;
        await Eventually.HoldsAsync(
            async () => (last = await GetAsync(name)) is { } r && condition(r),
            Deadline,
            () => last is null ? "object missing" : KubernetesJson.Serialize(last.Status));
        return last!;
    }

    /// <summary>Waits until IAM (as reads see it, through the API) satisfies <paramref name="condition"/> in the account.</summary>
    public async Task<IamRoleState?> IamAsync(string account, string roleName, Func<IamRoleState?, bool> condition)
    {
        IamRoleState? last = null;
        await Eventually.HoldsAsync(
            async () => condition(last = await IamRoleState.ReadAsync(Stack.Iam(account), roleName)),
            Deadline,
            () => $"IAM role {roleName} in {account}: {last?.ToString() ?? "absent"}");
        return last;
    }

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name)
    {
        var events = await Admin.CoreV1.ListNamespacedEventAsync("default");
        return events.Items.Where(e => e.InvolvedObject.Name == name && e.InvolvedObject.Kind == IrOperatorApi.ResponderRoleKind).ToList();
    }

    /// <summary>IAM calls that change something, as the emulator recorded them.</summary>
    public IReadOnlyList<RecordedCall> IamWrites() =>
        Aws.Calls.Where(c => c.Service == "iam" && IsWrite(c.Action)).ToList();

    public static bool IsWrite(string action) =>
        !(action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal));
}
