using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>Opaque <c>continue</c> tokens: the key the next page starts after, and the list's revision.</summary>
internal static class ContinueTokens
{
    public static string Encode(string lastKey, long revision) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = lastKey }.ToJsonString()));

    public static string Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return node?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw StatusObjects.BadRequest(string.Create(CultureInfo.InvariantCulture, $"continue key is not valid: {e.Message}"));
        }
    }
}
