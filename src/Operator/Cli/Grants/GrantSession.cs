using System.Net;
using System.Text.Json.Nodes;
using IrOperator.Kube;
using IrOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Cli.Grants;

/// <summary>The API calls of the grant verbs, as the kubeconfig's user, in one namespace.</summary>
public sealed class GrantSession(IKubernetes client, string ns) : IDisposable
{
    public IKubernetes Client { get; } = client;

    public string Namespace { get; } = ns;

    /// <summary>The caller as the API server authenticates them (authentication.k8s.io/v1 SelfSubjectReview, what <c>kubectl auth whoami</c> asks).</summary>
    public async Task<Caller> WhoAmIAsync(CancellationToken ct)
    {
        try
        {
            var review = await Client.AuthenticationV1.CreateSelfSubjectReviewAsync(
                new V1SelfSubjectReview { ApiVersion = "authentication.k8s.io/v1", Kind = "SelfSubjectReview" }, cancellationToken: ct).ConfigureAwait(false);
            var user = review.Status?.UserInfo;
            if (string.IsNullOrEmpty(user?.Username))
            {
                throw new GrantCliException("the API server did not say who you are (SelfSubjectReview returned no user name); check your kubeconfig's credentials");
            }
            return new Caller(user.Username, [.. user.Groups ?? []]);
        }
        catch (HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, "ask the API server who you are (SelfSubjectReview, Kubernetes 1.28 or later)", this);
        }
    }

    /// <summary>The ResponderRole, or null when there is none by that name. A 403 propagates: the caller decides what not knowing means.</summary>
    public async Task<ResponderRole?> GetRoleAsync(string name, CancellationToken ct)
    {
        try
        {
            return await Client.CustomObjects.GetClusterCustomObjectAsync<ResponderRole>(
                IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, name, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Names of the break-glass ResponderRoles the caller may read; empty when they may not list them.</summary>
    public async Task<IReadOnlyList<string>> BreakGlassRoleNamesAsync(CancellationToken ct)
    {
        try
        {
            var roles = await Client.CustomObjects.ListClusterCustomObjectAsync<ResourceList<ResponderRole>>(
                IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.ResponderRolePlural, cancellationToken: ct).ConfigureAwait(false);
            return [.. (roles.Items ?? []).Where(r => r.Spec.BreakGlass is not null).Select(r => r.Metadata.Name).Order(StringComparer.Ordinal)];
        }
        catch (HttpOperationException)
        {
            return [];
        }
    }

    public async Task<BreakGlassGrant> GetGrantAsync(string name, CancellationToken ct)
    {
        try
        {
            return await Client.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(
                IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, name, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new GrantCliException($"no BreakGlassGrant \"{name}\" in namespace {Namespace}; list them with `list -n {Namespace}` (or pass -n <namespace>)");
        }
        catch (HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, $"read BreakGlassGrant {Namespace}/{name}", this);
        }
    }

    public async Task<IReadOnlyList<BreakGlassGrant>> ListGrantsAsync(bool allNamespaces, CancellationToken ct)
    {
        try
        {
            var list = allNamespaces
                ? await Client.CustomObjects.ListClusterCustomObjectAsync<ResourceList<BreakGlassGrant>>(
                    IrOperatorApi.Group, IrOperatorApi.Version, IrOperatorApi.BreakGlassGrantPlural, cancellationToken: ct).ConfigureAwait(false)
                : await Client.CustomObjects.ListNamespacedCustomObjectAsync<ResourceList<BreakGlassGrant>>(
                    IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, cancellationToken: ct).ConfigureAwait(false);
            return [.. list.Items ?? []];
        }
        catch (HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, allNamespaces ? "list BreakGlassGrants in all namespaces" : $"list BreakGlassGrants in namespace {Namespace}", this);
        }
    }

    public async Task<BreakGlassGrant> CreateGrantAsync(BreakGlassGrant grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        try
        {
            return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<BreakGlassGrant>(
                grant, IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, $"create a BreakGlassGrant in namespace {Namespace}", this);
        }
    }

    /// <summary>Sets annotations with a JSON merge patch, as <c>kubectl annotate</c> does (admitted as an UPDATE).</summary>
    public async Task AnnotateAsync(string name, IReadOnlyDictionary<string, string> annotations, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var values = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            values[key] = value;
        }
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = values } };
        try
        {
            await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
                IrOperatorApi.Group, IrOperatorApi.Version, Namespace, IrOperatorApi.BreakGlassGrantPlural, name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw GrantApiErrors.Translate(e, action, this);
        }
    }

    public void Dispose() => Client.Dispose();
}
