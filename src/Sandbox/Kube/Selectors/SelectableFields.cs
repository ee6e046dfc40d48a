using IrOperator.Sandbox.Kube.Resources;

namespace IrOperator.Sandbox.Kube.Selectors;

/// <summary>
/// The fields each resource can be selected by: metadata.name and metadata.namespace everywhere, plus
/// the server's extra ones for the built-ins that have them. Events matter: <c>kubectl describe</c>
/// finds an object's events with <c>involvedObject.*</c> selectors.
/// </summary>
public static class SelectableFields
{
    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = "metadata.name",
        ["metadata.namespace"] = "metadata.namespace",
    };

    private static readonly string[] ObjectReference = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

    public static IReadOnlyDictionary<string, string> For(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var fields = new Dictionary<string, string>(Common, StringComparer.Ordinal);
        switch (type)
        {
            case { Group: "", Plural: "events" }:
                AddReference(fields, "involvedObject");
                fields["reason"] = "reason";
                fields["reportingComponent"] = "reportingComponent";
                fields["source"] = "source.component";
                fields["type"] = "type";
                break;
            case { Group: "events.k8s.io", Plural: "events" }:
                // Selected on the stored (core) shape, as the server converts these field labels.
                AddReference(fields, "regarding", "involvedObject");
                fields["reason"] = "reason";
                fields["reportingController"] = "reportingComponent";
                fields["type"] = "type";
                break;
            case { Group: "", Plural: "secrets" }:
                fields["type"] = "type";
                break;
            case { Group: "", Plural: "namespaces" }:
                fields["status.phase"] = "status.phase";
                break;
        }

        return fields;
    }

    private static void AddReference(Dictionary<string, string> fields, string prefix, string? storedPrefix = null)
    {
        foreach (var field in ObjectReference)
        {
            fields[$"{prefix}.{field}"] = $"{storedPrefix ?? prefix}.{field}";
        }
    }
}
