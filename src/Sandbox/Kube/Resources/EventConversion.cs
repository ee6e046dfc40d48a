using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Resources;

/// <summary>
/// core/v1 and events.k8s.io/v1 Events are one resource in two shapes, as on the server (one store,
/// converted on the way in and out; pkg/apis/events/v1 conversion): stored in the core shape,
/// <c>regarding</c> is <c>involvedObject</c>, <c>note</c> is <c>message</c>, <c>reportingController</c> is
/// <c>reportingComponent</c>, and the <c>deprecated*</c> fields are the core <c>source</c>,
/// <c>firstTimestamp</c>, <c>lastTimestamp</c> and <c>count</c>. eventTime, series, action, reason,
/// related, type and reportingInstance have the same names. See docs/kube-emulator.md.
/// </summary>
public static class EventConversion
{
    private static readonly (string Events, string Core)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public static bool IsEventsV1(ResourceType type) => type is { Group: "events.k8s.io", Plural: "events" };

    /// <summary>The stored (core) shape of an object written through <paramref name="type"/>.</summary>
    public static JsonObject ToStored(ResourceType type, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        return IsEventsV1(type) ? Rename(obj, Renamed.Select(r => (r.Events, r.Core))) : obj;
    }

    /// <summary>The shape <paramref name="type"/> serves for a stored object (a copy when it differs).</summary>
    public static JsonObject FromStored(ResourceType type, JsonObject stored)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(stored);
        return IsEventsV1(type) ? Rename(stored, Renamed.Select(r => (r.Core, r.Events))) : stored;
    }

    private static JsonObject Rename(JsonObject obj, IEnumerable<(string From, string To)> renames)
    {
        var map = renames.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            result[map.TryGetValue(key, out var renamed) ? renamed : key] = value?.DeepClone();
        }

        return result;
    }
}
