using System.Text.Json.Nodes;

namespace IrOperator.Schema;

/// <summary>
/// What the server says about the unknown fields <see cref="StructuralSchema.Prune"/> removed, per the
/// request's <c>fieldValidation</c>: Strict refuses with 400, Warn (the default) adds a warning per field,
/// Ignore says nothing.
/// </summary>
public static class UnknownFields
{
    /// <summary>The 400 Status for Strict: <c>BreakGlassGrant in version "v1alpha1" cannot be handled as a BreakGlassGrant: strict decoding error: unknown field "spec.colour"</c>.</summary>
    public static JsonObject StrictDecodingStatus(string kind, string version, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var fields = string.Join(", ", paths.Select(Message));
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = $"{kind} in version {GoFormat.Quote(version)} cannot be handled as a {kind}: strict decoding error: {fields}",
            ["reason"] = "BadRequest",
            ["code"] = 400,
        };
    }

    /// <summary>The warning text for one field: <c>unknown field "spec.colour"</c> (kubectl prints it after "Warning: ").</summary>
    public static string Message(string path) => $"unknown field {GoFormat.Quote(path)}";

    /// <summary>The HTTP <c>Warning</c> header value for one field: <c>299 - "unknown field \"spec.colour\""</c>.</summary>
    public static string WarningHeader(string path) => $"299 - {GoFormat.Quote(Message(path))}";
}
