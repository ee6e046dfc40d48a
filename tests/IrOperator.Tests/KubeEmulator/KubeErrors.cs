using System.Text.Json.Nodes;
using k8s.Autorest;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>Reads the Status a KubernetesClient call failed with.</summary>
internal static class KubeErrors
{
    public static async Task<(int Code, JsonObject Status)> StatusOfAsync(Func<Task> call)
    {
        var e = await call.Should().ThrowAsync<HttpOperationException>();
        var exception = e.Which;
        var status = JsonNode.Parse(exception.Response.Content)!.AsObject();
        return ((int)exception.Response.StatusCode, status);
    }
}
