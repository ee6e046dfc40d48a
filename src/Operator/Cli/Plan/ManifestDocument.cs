using System.Text.Json.Nodes;

namespace IrOperator.Cli.Plan;

/// <summary>One non-empty YAML document read from a file, as JSON; <see cref="Index"/> is 1-based within the file.</summary>
public sealed record ManifestDocument(string File, int Index, JsonObject Json)
{
    public string? Kind => Json["kind"] is JsonValue value && value.TryGetValue<string>(out var kind) ? kind : null;

    public string? ApiVersion => Json["apiVersion"] is JsonValue value && value.TryGetValue<string>(out var apiVersion) ? apiVersion : null;

    public string? Name => Json["metadata"]?["name"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    public string? Namespace => Json["metadata"]?["namespace"] is JsonValue value && value.TryGetValue<string>(out var ns) ? ns : null;

    public PlanProblem Problem(string field, string message) => new(File, Index, Kind, Name, field, message);
}
