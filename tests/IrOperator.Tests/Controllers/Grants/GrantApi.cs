using System.Text.Json.Nodes;
using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IrOperator.Tests.Controllers.Grants;

/// <summary>What the grant tests do to a grant through the API server: annotate it, and wait for its status.</summary>
public static class GrantApi
{
    public static Task AnnotateAsync(IKubernetes client, string ns, string name, string key, string value)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
            IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, name);
    }

    /// <summary>Polls the grant until <paramref name="condition"/> holds (deadline-bounded); a missing grant never satisfies it.</summary>
    public static async Task<BreakGlassGrant> WaitForAsync(IKubernetes client, string ns, string name, Func<BreakGlassGrant, bool> condition, TimeSpan within)
    {
        BreakGlassGrant? last = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    last = await client.CustomObjects.GetNamespacedCustomObjectAsync<BreakGlassGrant>(IrOperatorApi.Group, IrOperatorApi.Version, ns, IrOperatorApi.BreakGlassGrantPlural, name);
                }
                catch (HttpOperationException)
                {
                    last = null;
                }
                return last is not null && condition(last);
            },
            within,
            () => last is null ? "missing" : KubernetesJson.Serialize(last.Status));
        return last!;
    }
}
