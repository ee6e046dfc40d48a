using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// The server-side printers of the built-in kinds the sandbox serves, after
/// kubernetes/pkg/printers/internalversion/printers.go, so <c>kubectl get events</c> or
/// <c>kubectl get leases</c> look as they do against a cluster.
/// </summary>
internal static class BuiltInPrinters
{
    public static IReadOnlyList<TableColumn>? Columns(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace") => [TableColumn.Name, Column("Status", "The status of the namespace", o => Text(o["status"]?["phase"])), TableColumn.Age],
        ("", "Secret") =>
        [
            TableColumn.Name,
            Column("Type", "The type of the secret", o => Text(o["type"])),
            Column("Data", "The number of entries in the secret", o => Count(o["data"]), "integer"),
            TableColumn.Age,
        ],
        ("", "ConfigMap") => [TableColumn.Name, Column("Data", "The number of entries in the config map", o => Count(o["data"]) + Count(o["binaryData"]), "integer"), TableColumn.Age],
        ("coordination.k8s.io", "Lease") => [TableColumn.Name, Column("Holder", "The holder of the lease", o => Text(o["spec"]?["holderIdentity"])), TableColumn.Age],
        ("", "Event") => EventColumns(CoreEvent.From),
        ("events.k8s.io", "Event") => EventColumns(CoreEvent.FromEventsV1),
        // paramKind and paramRef are refused by the emulator (docs/kube-emulator.md), so they always print as unset.
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy") =>
        [
            TableColumn.Name,
            Column("Validations", "Validations indicates the number of validation rules defined in this configuration", o => o["spec"]?["validations"] is JsonArray a ? a.Count : 0, "integer"),
            Column("ParamKind", "ParamKind specifies the kind of resources used to parameterize this policy", _ => "<unset>"),
            TableColumn.Age,
        ],
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding") =>
        [
            TableColumn.Name,
            Column("PolicyName", "PolicyName indicates the policy definition which the policy binding binded to", o => Text(o["spec"]?["policyName"])),
            Column("ParamRef", "ParamRef indicates the param resource which sets the configration param", _ => "<unset>"),
            TableColumn.Age,
        ],
        _ => null,
    };

    /// <summary>The Event table: no leading Name column; the server always sends the wide cells.</summary>
    private static List<TableColumn> EventColumns(Func<JsonNode, CoreEvent> read) =>
    [
        new(new PrinterColumn("Last Seen", "string", "", "Time when this Event was last observed."), (o, now) => read(o).LastSeen(now)),
        Column("Type", "Type of this event (Normal, Warning), new types could be added in the future.", o => read(o).Type),
        Column("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", o => read(o).Reason),
        Column("Object", "The object this Event is about.", o => read(o).Target),
        Column("Subobject", "The subobject this Event is about.", o => read(o).FieldPath, priority: 1),
        Column("Source", "The component reporting this event.", o => read(o).Source, priority: 1),
        Column("Message", "A human-readable description of the status of this operation.", o => read(o).Message),
        new(new PrinterColumn("First Seen", "string", "", "The time at which the event was first recorded.", Priority: 1), (o, now) => read(o).FirstSeen(now)),
        Column("Count", "The number of times this event has occurred.", o => read(o).Count, "integer", 1),
        Column("Name", "Name of the event.", o => Text(o["metadata"]?["name"]), priority: 1),
    ];

    private static TableColumn Column(string name, string description, Func<JsonNode, string> cell, int priority = 0) =>
        new(new PrinterColumn(name, "string", "", description, Priority: priority), (o, _) => cell(o));

    private static TableColumn Column(string name, string description, Func<JsonNode, long> cell, string type, int priority = 0) =>
        new(new PrinterColumn(name, type, "", description, Priority: priority), (o, _) => cell(o));

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static long Count(JsonNode? node) => node is JsonObject o ? o.Count : 0;

    /// <summary>The fields the Event printer reads, from either Event API.</summary>
    private sealed record CoreEvent(
        string Type, string Reason, string Target, string FieldPath, string Source, string Message,
        JsonNode? FirstTimestamp, JsonNode? LastTimestamp, JsonNode? EventTime, JsonNode? SeriesLastObserved, long Count)
    {
        public static CoreEvent From(JsonNode o)
        {
            var involved = o["involvedObject"];
            return new CoreEvent(
                Text(o["type"]),
                Text(o["reason"]),
                TargetOf(involved),
                Text(involved?["fieldPath"]),
                SourceText(FirstNonEmpty(Text(o["source"]?["component"]), Text(o["reportingComponent"])), FirstNonEmpty(Text(o["source"]?["host"]), Text(o["reportingInstance"]))),
                Text(o["message"]).Trim(),
                o["firstTimestamp"],
                o["lastTimestamp"],
                o["eventTime"],
                o["series"]?["lastObservedTime"],
                o["series"] is { } series ? Long(series["count"]) : Math.Max(Long(o["count"]), 1));
        }

        public static CoreEvent FromEventsV1(JsonNode o)
        {
            var regarding = o["regarding"];
            return new CoreEvent(
                Text(o["type"]),
                Text(o["reason"]),
                TargetOf(regarding),
                Text(regarding?["fieldPath"]),
                SourceText(FirstNonEmpty(Text(o["deprecatedSource"]?["component"]), Text(o["reportingController"])), FirstNonEmpty(Text(o["deprecatedSource"]?["host"]), Text(o["reportingInstance"]))),
                Text(o["note"]).Trim(),
                o["deprecatedFirstTimestamp"],
                o["deprecatedLastTimestamp"],
                o["eventTime"],
                o["series"]?["lastObservedTime"],
                o["series"] is { } series ? Long(series["count"]) : Math.Max(Long(o["deprecatedCount"]), 1));
        }

        public string FirstSeen(DateTimeOffset now) =>
            string.IsNullOrEmpty(Text(FirstTimestamp)) ? TableColumn.Since(EventTime, now) : TableColumn.Since(FirstTimestamp, now);

        public string LastSeen(DateTimeOffset now)
        {
            if (SeriesLastObserved is not null)
            {
                return TableColumn.Since(SeriesLastObserved, now);
            }

            return string.IsNullOrEmpty(Text(LastTimestamp)) ? FirstSeen(now) : TableColumn.Since(LastTimestamp, now);
        }

        private static string TargetOf(JsonNode? involved)
        {
            var kind = Text(involved?["kind"]).ToLowerInvariant();
            var name = Text(involved?["name"]);
            return name.Length > 0 ? $"{kind}/{name}" : kind;
        }

        private static string SourceText(string component, string instance) => instance.Length == 0 ? component : $"{component}, {instance}";

        private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;

        private static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
    }
}
