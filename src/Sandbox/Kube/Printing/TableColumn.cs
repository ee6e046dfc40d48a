using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>A column definition with the function that computes its cell from an object and the current time.</summary>
internal sealed record TableColumn(PrinterColumn Definition, Func<JsonNode, DateTimeOffset, JsonNode?> Cell)
{
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    public const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The Name column every table but the Event one starts with.</summary>
    public static TableColumn Name { get; } =
        new(new PrinterColumn("Name", "string", ".metadata.name", NameDescription, "name"), (o, _) => o["metadata"]?["name"]?.DeepClone() ?? "");

    /// <summary>The built-in printers' Age: a humanized creationTimestamp.</summary>
    public static TableColumn Age { get; } =
        new(new PrinterColumn("Age", "string", ".metadata.creationTimestamp", CreationTimestampDescription), (o, now) => Since(o["metadata"]?["creationTimestamp"], now));

    /// <summary>A CRD printer column: the first value its JSONPath reaches, typed as the server types it.</summary>
    public static TableColumn FromJsonPath(PrinterColumn column)
    {
        var path = SimpleJsonPath.Parse(column.JsonPath);

        // Like the server, only the first value a path reaches is shown (".spec.accounts[*]" shows the first account).
        return new(column, (o, now) => TableCells.Cell(column.Type, path.Evaluate(o) is [var first, ..] ? first : null, now));
    }

    /// <summary>translateTimestampSince: "&lt;unknown&gt;" when absent, else the humanized age.</summary>
    public static string Since(JsonNode? timestamp, DateTimeOffset now) =>
        timestamp is JsonValue v && v.TryGetValue<string>(out var text) &&
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? TableCells.Age(at, now)
            : "<unknown>";
}
