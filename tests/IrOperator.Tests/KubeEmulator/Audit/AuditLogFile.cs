using System.Text.Json.Nodes;
using IrOperator.Tests.Runtime.Support;

namespace IrOperator.Tests.KubeEmulator.Audit;

/// <summary>Reads an audit log: one JSON event per line. The server writes an event after the response, so readers wait for it.</summary>
internal static class AuditLogFile
{
    public static List<JsonObject> Events(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var events = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                events.Add(JsonNode.Parse(line)!.AsObject());
            }
        }

        return events;
    }

    /// <summary>The first event matching <paramref name="match"/>, once it has been written (deadline 10 s).</summary>
    public static async Task<JsonObject> EventAsync(string path, Func<JsonObject, bool> match)
    {
        JsonObject? found = null;
        await Eventually.HoldsAsync(() => (found = Events(path).FirstOrDefault(match)) is not null, TimeSpan.FromSeconds(10),
            () => $"no matching audit event among:\n{string.Join('\n', Events(path).Select(e => e.ToJsonString()))}");
        return found!;
    }

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
