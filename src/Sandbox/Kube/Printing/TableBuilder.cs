using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// Builds <c>meta.k8s.io/v1</c> <c>Table</c> responses (what <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>). Name is the first column (except in
/// the Event table, as on the server); cells of every column are sent, kubectl hides priority &gt; 0
/// unless <c>-o wide</c>.
/// For a custom resource the other columns are the version's <c>additionalPrinterColumns</c>, or a
/// single Age column when it declares none (apiextensions' serveDefaultColumnsIfEmpty; a CRD that
/// declares columns but no creationTimestamp column gets no Age). For kinds without printers the
/// server's default convertor gives Name and "Created At" (raw RFC 3339).
/// </summary>
public sealed class TableBuilder
{
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<TableColumn> _columns;

    /// <summary>A table of Name plus <paramref name="columns"/> (JSONPath columns, as a CRD declares them).</summary>
    public TableBuilder(IReadOnlyList<PrinterColumn> columns, TimeProvider time)
        : this([TableColumn.Name, .. (columns ?? throw new ArgumentNullException(nameof(columns))).Select(TableColumn.FromJsonPath)], time)
    {
    }

    internal TableBuilder(IReadOnlyList<TableColumn> columns, TimeProvider time)
    {
        _columns = columns;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>All columns, Name (where present) included.</summary>
    public IReadOnlyList<PrinterColumn> Columns => _columns.Select(c => c.Definition).ToList();

    /// <summary>The table for one version of a CRD (the CRD object as JSON).</summary>
    public static TableBuilder ForCustomResource(JsonNode crd, string version, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var versionNode = crd["spec"]?["versions"]?.AsArray().FirstOrDefault(v => v?["name"]?.GetValue<string>() == version)
                          ?? throw new ArgumentException($"version {version} not found in CustomResourceDefinition {crd["metadata"]?["name"]}", nameof(version));
        var columns = new List<PrinterColumn>();
        if (versionNode["additionalPrinterColumns"] is JsonArray declared)
        {
            foreach (var c in declared.OfType<JsonObject>())
            {
                var jsonPath = c["jsonPath"]?.GetValue<string>() ?? "";
                var description = c["description"]?.GetValue<string>();
                columns.Add(new PrinterColumn(
                    c["name"]?.GetValue<string>() ?? "",
                    c["type"]?.GetValue<string>() ?? "string",
                    jsonPath,
                    string.IsNullOrEmpty(description) ? $"Custom resource definition column (in JSONPath format): {jsonPath}" : description,
                    c["format"]?.GetValue<string>() ?? "",
                    c["priority"]?.GetValue<int>() ?? 0));
            }
        }

        if (columns.Count == 0)
        {
            columns.Add(new PrinterColumn("Age", "date", ".metadata.creationTimestamp", TableColumn.CreationTimestampDescription));
        }

        return new TableBuilder(columns, time);
    }

    /// <summary>The API server's default table for kinds without a printer: Name and Created At (raw RFC 3339).</summary>
    public static TableBuilder ForObjectMeta(TimeProvider time) =>
        new([TableColumn.Name, new TableColumn(new PrinterColumn("Created At", "date", ".metadata.creationTimestamp", TableColumn.CreationTimestampDescription), (o, _) => o["metadata"]?["creationTimestamp"]?.DeepClone())], time);

    /// <summary>
    /// The table the real server prints for a built-in kind (Namespace, Secret, ConfigMap, Lease, Event in
    /// core and events.k8s.io), or the default one (<see cref="ForObjectMeta"/>) for others.
    /// </summary>
    public static TableBuilder ForBuiltIn(string group, string kind, TimeProvider time) =>
        BuiltInPrinters.Columns(group, kind) is { } columns ? new TableBuilder(columns, time) : ForObjectMeta(time);

    /// <summary>A table for a list response.</summary>
    public JsonObject Build(IEnumerable<JsonNode> objects, IncludeObject include, string? resourceVersion = null, string? continueToken = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var now = _time.GetUtcNow();
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(obj, include, now));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = ColumnDefinitions(),
            ["rows"] = rows,
        };
    }

    /// <summary>A table for a single-object GET; its resourceVersion is the object's.</summary>
    public JsonObject BuildForObject(JsonNode obj, IncludeObject include) =>
        Build([obj], include, obj?["metadata"]?["resourceVersion"]?.GetValue<string>());

    private JsonArray ColumnDefinitions() => new([.. _columns.Select(c => Definition(c.Definition))]);

    private static JsonObject Definition(PrinterColumn c) => new()
    {
        ["name"] = c.Name,
        ["type"] = c.Type,
        ["format"] = c.Format,
        ["description"] = c.Description,
        ["priority"] = c.Priority,
    };

    private JsonObject Row(JsonNode obj, IncludeObject include, DateTimeOffset now) => new()
    {
        ["cells"] = new JsonArray([.. _columns.Select(c => c.Cell(obj, now))]),
        ["object"] = include switch
        {
            IncludeObject.None => null,
            IncludeObject.Object => obj.DeepClone(),
            _ => new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
            },
        },
    };
}
