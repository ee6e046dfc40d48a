using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>The test Widget resource through KubernetesClient's custom-object API, in one namespace.</summary>
internal sealed class WidgetApi(IKubernetes client, string ns)
{
    private const string G = TestCrds.Group;
    private const string V = TestCrds.Version;
    private const string P = TestCrds.Widgets;

    public string Namespace => ns;

    public static JsonObject New(string name, int size, string? owner = null)
    {
        var spec = new JsonObject { ["size"] = size };
        if (owner is not null)
        {
            spec["owner"] = owner;
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{G}/{V}",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    /// <summary>Creates a fresh namespace (so tests sharing an emulator never see each other's objects).</summary>
    public static async Task<WidgetApi> InNewNamespaceAsync(IKubernetes client)
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return new WidgetApi(client, name);
    }

    public Task<JsonObject> CreateAsync(JsonObject widget, string? fieldValidation = null) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(widget, G, V, ns, P, fieldValidation: fieldValidation);

    public Task<JsonObject> GetAsync(string name) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(G, V, ns, P, name);

    public Task<JsonObject> ReplaceAsync(JsonObject widget) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(widget, G, V, ns, P, Name(widget));

    public Task<JsonObject> ReplaceStatusAsync(JsonObject widget) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<JsonObject>(widget, G, V, ns, P, Name(widget));

    public Task<JsonObject> PatchAsync(string name, string body, V1Patch.PatchType type = V1Patch.PatchType.MergePatch) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(body, type), G, V, ns, P, name);

    public Task<JsonObject> PatchStatusAsync(string name, string body) =>
        client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(new V1Patch(body, V1Patch.PatchType.MergePatch), G, V, ns, P, name);

    public Task<JsonObject> DeleteAsync(string name) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(G, V, ns, P, name);

    public Task<JsonObject> ListAsync(string? labelSelector = null, string? fieldSelector = null, int? limit = null, string? continueToken = null) =>
        client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(G, V, ns, P, labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, continueParameter: continueToken);

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    public static string ResourceVersion(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    public static long Generation(JsonObject obj) => obj["metadata"]!["generation"]!.GetValue<long>();

    public static List<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
}
