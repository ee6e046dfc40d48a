using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// Builds the 422 <c>Status</c> the API server returns for an invalid object
/// (k8s.io/apimachinery/pkg/api/errors.NewInvalid).
/// </summary>
public static class FieldErrorStatus
{
    /// <summary>
    /// The Status object: message <c>Kind.group "name" is invalid: …</c>, one error bare, several in
    /// brackets (Go's aggregate error), duplicates dropped; one cause per error.
    /// </summary>
    public static JsonObject Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var qualifiedKind = string.IsNullOrEmpty(group) ? kind : $"{kind}.{group}";
        var distinct = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var message = distinct.Count switch
        {
            0 => $"{qualifiedKind} \"{name}\" is invalid",
            1 => $"{qualifiedKind} \"{name}\" is invalid: {distinct[0]}",
            _ => $"{qualifiedKind} \"{name}\" is invalid: [{string.Join(", ", distinct)}]",
        };

        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = error.Type.Reason(),
                ["message"] = error.Body,
                ["field"] = error.Field,
            });
        }

        var details = new JsonObject { ["name"] = name };
        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = causes;

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "Invalid",
            ["details"] = details,
            ["code"] = 422,
        };
    }
}
