using System.Text.Json.Nodes;

namespace IrOperator.Sandbox.Kube.Printing;

/// <summary>
/// Builds <c>meta.k8s.io/v1</c> <c>Table</c> responses (what <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>). Name is always the first column.
/// For a custom resource the other columns are the version's <c>additionalPrinterColumns</c>, or a
/// single Age column when it declares none (apiextensions' serveDefaultColumnsIfEmpty; a CRD that
/// declares columns but no creationTimestamp column gets no Age). For kinds without printers the
/// server's default convertor gives Name and "Created At" (raw RFC 3339).
/// </summary>
public sealed class TableBuilder
{
    private const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    private const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private readonly TimeProvider _time;
    private readonly IReadOnlyList<(PrinterColumn Column, SimpleJsonPath Path)> _columns;
    private readonly bool _rawCreatedAt;

    /// <summary>A table of Name plus <paramref name="columns"/>.</summary>
    public TableBuilder(IReadOnlyList<PrinterColumn> columns, TimeProvider time)
        : this(columns, time, rawCreatedAt: false)
    {
    }

    private TableBuilder(IReadOnlyList<PrinterColumn> columns, TimeProvider time, bool rawCreatedAt)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _columns = columns.Select(c => (c, SimpleJsonPath.Parse(c.JsonPath))).ToList();
        _rawCreatedAt = rawCreatedAt;
    }

    public IReadOnlyList<PrinterColumn> Columns => _columns.Select(c => c.Column).ToList();

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
            columns.Add(new PrinterColumn("Age", "date", ".metadata.creationTimestamp", CreationTimestampDescription));
        }

        return new TableBuilder(columns, time);
    }

    /// <summary>The API server's default table for kinds without a printer: Name and Created At.</summary>
    public static TableBuilder ForObjectMeta(TimeProvider time) =>
        new([new PrinterColumn("Created At", "date", ".metadata.creationTimestamp", CreationTimestampDescription)], time, rawCreatedAt: true);

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

    private JsonArray ColumnDefinitions()
    {
        var definitions = new JsonArray { Definition(new PrinterColumn("Name", "string", ".metadata.name", NameDescription, "name")) };
        foreach (var (column, _) in _columns)
        {
            definitions.Add(Definition(column));
        }

        return definitions;
    }

    private static JsonObject Definition(PrinterColumn c) => new()
    {
        ["name"] = c.Name,
        ["type"] = c.Type,
        ["format"] = c.Format,
        ["description"] = c.Description,
        ["priority"] = c.Priority,
    };

    private JsonObject Row(JsonNode obj, IncludeObject include, DateTimeOffset now)
    {
        var cells = new JsonArray { obj["metadata"]?["name"]?.DeepClone() ?? "" };
        foreach (var (column, path) in _columns)
        {
            // Like the server, only the first value a path reaches is shown (".spec.accounts[*]" shows the first account).
            var results = path.Evaluate(obj);
            var value = results.Count == 0 ? null : results[0];
            cells.Add(_rawCreatedAt ? value?.DeepClone() : TableCells.Cell(column.Type, value, now));
        }

        return new JsonObject
        {
            ["cells"] = cells,
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
}
