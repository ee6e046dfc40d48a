using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Errors;

namespace IrOperator.Sandbox.Kube.Server;

/// <summary>
/// Opaque <c>continue</c> tokens: the key the next page starts after, and the revision of the first page,
/// so every page is read from the same snapshot (as etcd serves them). Revision -1 is the server's
/// "inconsistent" token, handed out with a 410 for a caller that accepts a remainder read from live data.
/// </summary>
internal static class ContinueTokens
{
    /// <summary>The revision of a token that reads the remainder from live data.</summary>
    public const long Inconsistent = -1;

    public static string Encode(string lastKey, long revision) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = lastKey }.ToJsonString()));

    public static (string After, long Revision) Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            var start = node?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
            var revision = node?["rv"]?.GetValue<long>() ?? 0;
            if (revision == 0 || revision < Inconsistent)
            {
                throw new FormatException("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            return (start, revision);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw StatusObjects.BadRequest(string.Create(CultureInfo.InvariantCulture, $"continue key is not valid: {e.Message}"));
        }
    }
}
