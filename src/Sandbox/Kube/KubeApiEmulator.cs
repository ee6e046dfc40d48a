using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Hosting;
using IrOperator.Sandbox.Kube.Admission;
using IrOperator.Sandbox.Kube.Audit;
using IrOperator.Sandbox.Kube.Authorization;
using IrOperator.Sandbox.Kube.Errors;
using IrOperator.Sandbox.Kube.Faults;
using IrOperator.Sandbox.Kube.Resources;
using IrOperator.Sandbox.Kube.Security;
using IrOperator.Sandbox.Kube.Server;
using IrOperator.Sandbox.Kube.Storage;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IrOperator.Sandbox.Kube;

/// <summary>
/// A Kubernetes API server emulator on 127.0.0.1 over HTTPS, good enough for KubernetesClient and
/// kubectl: discovery, OpenAPI v3, CRDs, built-in kinds, CRUD, patch, finalizers, status, watch,
/// schema validation, Tables, bearer-token users, ValidatingAdmissionPolicy, an audit log, and fault
/// injection. Start one per test class.
/// </summary>
public sealed class KubeApiEmulator : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly ObjectStore _store;
    private readonly ResourceService _resources;
    private readonly UserRegistry _users;
    private readonly List<IAdmissionCheck> _admission;
    private readonly AuditLog? _audit;

    private KubeApiEmulator(WebApplication app, CertificateAuthority ca, ObjectStore store, ResourceService resources, ResourceCatalog catalog, UserRegistry users, KubeFaults faults, List<IAdmissionCheck> admission, AuditLog? audit, Uri baseUri)
    {
        _audit = audit;
        _app = app;
        _ca = ca;
        _store = store;
        _resources = resources;
        Catalog = catalog;
        _users = users;
        Faults = faults;
        _admission = admission;
        BaseUri = baseUri;
    }

    /// <summary><c>https://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The CA that signed the server certificate (trust it; do not skip TLS verification).</summary>
    public X509Certificate2 CaCertificate => _ca.Certificate;

    public string CaPem => _ca.CertificatePem;

    /// <summary>Faults to inject; change them at any time.</summary>
    public KubeFaults Faults { get; }

    /// <summary>The resources served now (built-ins and established CRDs).</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>The current global resourceVersion.</summary>
    public long Revision => _store.Revision;

    public IReadOnlyList<string> Usernames => _users.Usernames;

    /// <summary>The audit log's full path, or null when the emulator keeps none (<see cref="KubeEmulatorOptions.AuditLogPath"/>).</summary>
    public string? AuditLogPath => _audit?.Path;

    public static async Task<KubeApiEmulator> StartAsync(KubeEmulatorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ca = CertificateAuthority.Create(options.Time);
        var faults = new KubeFaults();
        var store = new ObjectStore(() => Math.Min(options.HistorySize, faults.HistoryLimit ?? int.MaxValue));
        var catalog = new ResourceCatalog();
        var access = new AccessControl(store);

        // RBAC's escalation prevention runs where the server's RBAC storage does, before other admission.
        var admission = new List<IAdmissionCheck> { new RbacEscalationCheck(access.Rbac), new ValidatingAdmissionPolicies(store) };
        var resources = new ResourceService(store, catalog, options.Time, () => Snapshot(admission));
        var users = new UserRegistry();
        users.Add(AdminUser, [KubeUser.MastersGroup]);
        foreach (var (username, groups) in options.Users)
        {
            users.Add(username, groups);
        }

        var audit = options.AuditLogPath is { Length: > 0 } auditPath ? new AuditLog(auditPath, options.AuditReads) : null;
        var handler = new KubeApiHandler(catalog, resources, new WatchStreamer(store, faults, options.Time, options.BookmarkInterval), users, faults, options.Time, options.DefaultWatchTimeout, access, audit);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The embedding program (the sandbox, a test run) owns Ctrl-C and SIGTERM; see EmbeddedHostLifetime.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(ca.ServerCertificate);
        }));
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var emulator = new KubeApiEmulator(app, ca, store, resources, catalog, users, faults, admission, audit, new Uri($"https://127.0.0.1:{port}/"));
        emulator.CreateNamespaces("default", "kube-system", "kube-public");
        emulator.ApplyManifests(BootstrapPolicy.Yaml);
        return emulator;
    }

    /// <summary>Adds (or re-keys) a user; returns its bearer token.</summary>
    public string AddUser(string username, params string[] groups) => _users.Add(username, groups);

    public string TokenOf(string username) => _users.TokenOf(username);

    /// <summary>Runs <paramref name="check"/> on every write before it is stored (e.g. an admission policy under test).</summary>
    public void AddAdmissionCheck(IAdmissionCheck check)
    {
        lock (_admission)
        {
            _admission.Add(check);
        }
    }

    public KubernetesClientConfiguration ClientConfiguration(string username = AdminUser) => new()
    {
        Host = BaseUri.ToString(),
        AccessToken = _users.TokenOf(username),
        SslCaCerts = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData)),
    };

    /// <summary>A KubernetesClient authenticated as <paramref name="username"/>, trusting the emulator's CA. Dispose it.</summary>
    public IKubernetes CreateClient(string username = AdminUser) => new Kubernetes(ClientConfiguration(username));

    /// <summary>
    /// A plain HttpClient for raw requests (BaseAddress set, bearer token of <paramref name="username"/>),
    /// trusting only the emulator's CA. Dispose it.
    /// </summary>
    public HttpClient CreateHttpClient(string username = AdminUser)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData) },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _users.TokenOf(username));
        return client;
    }

    /// <summary>A kubeconfig with a context per user (named after the user), <paramref name="currentContext"/> current.</summary>
    public string KubeconfigYaml(string currentContext = AdminUser) =>
        Kubeconfig.Render(BaseUri, CaPem, _users.Contexts, currentContext);

    /// <summary>Writes <see cref="KubeconfigYaml"/> to <paramref name="path"/> (readable by the owner only: it holds tokens) and returns the path.</summary>
    public string WriteKubeconfig(string path, string currentContext = AdminUser)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        OwnerOnlyFile.Write(path, KubeconfigYaml(currentContext));

        return path;
    }

    /// <summary>Creates or replaces CRDs directly (no HTTP, no faults), as admin; they are served when this returns.</summary>
    public void InstallCrds(IEnumerable<V1CustomResourceDefinition> crds)
    {
        ArgumentNullException.ThrowIfNull(crds);
        var type = Catalog.Find(CustomResourceDefinitions.Group, "v1", CustomResourceDefinitions.Plural)!;
        foreach (var crd in crds)
        {
            CreateOrReplace(type, "", JsonNode.Parse(KubernetesJson.Serialize(crd))!.AsObject());
        }
    }

    /// <summary>
    /// Creates or replaces every object of a multi-document YAML manifest of built-in kinds directly (no
    /// HTTP, no faults, no authorization), as admin, in order: how the sandbox installs its RBAC.
    /// </summary>
    public void ApplyManifests(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        foreach (var document in KubernetesYaml.LoadAllFromString(yaml))
        {
            var obj = JsonNode.Parse(KubernetesJson.Serialize(document))!.AsObject();
            var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? "";
            var kind = obj["kind"]?.GetValue<string>() ?? "";
            var type = Catalog.All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind)
                       ?? throw new ArgumentException($"the emulator does not serve {kind} in {apiVersion}", nameof(yaml));
            CreateOrReplace(type, obj["metadata"]?["namespace"]?.GetValue<string>() ?? "", obj);
        }
    }

    /// <summary>
    /// Gives the ServiceAccount <paramref name="ns"/>/<paramref name="name"/> (which must exist) a token, as
    /// the server's service-account authenticator would: user <c>system:serviceaccount:ns:name</c> with
    /// the object's uid, in groups system:serviceaccounts and system:serviceaccounts:ns. Its kubeconfig
    /// context is named <paramref name="contextName"/> (default: the account's name). Returns the token.
    /// </summary>
    public string AddServiceAccountUser(string ns, string name, string? contextName = null)
    {
        var type = Catalog.Find("", "v1", "serviceaccounts")!;
        var account = _resources.Get(type, ns, name);
        return _users.Add(ServiceAccounts.Username(ns, name), ServiceAccounts.Groups(ns), account["metadata"]?["uid"]?.GetValue<string>(), contextName ?? name);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _audit?.Dispose();
        _ca.Dispose();
    }

    private static List<IAdmissionCheck> Snapshot(List<IAdmissionCheck> checks)
    {
        lock (checks)
        {
            return [.. checks];
        }
    }

    private void CreateOrReplace(ResourceType type, string ns, JsonObject obj)
    {
        var admin = new KubeUser(AdminUser, [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        try
        {
            var current = _resources.Get(type, ns, name);
            obj["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
            _resources.Update(type, ns, name, obj, null, WriteOptions.Default, admin);
        }
        catch (KubeApiException e) when (e.Code == 404)
        {
            _resources.Create(type, ns, obj, WriteOptions.Default, admin);
        }
    }

    private void CreateNamespaces(params string[] names)
    {
        var type = Catalog.Find("", "v1", "namespaces")!;
        var admin = new KubeUser(AdminUser, [KubeUser.MastersGroup, KubeUser.AuthenticatedGroup]);
        foreach (var name in names)
        {
            _resources.Create(type, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Default, admin);
        }
    }
}
