using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IrOperator.Schema.Cel;

namespace IrOperator.Schema;

/// <summary>One compiled node of a structural schema (the subset of OpenAPI v3 that CRDs allow).</summary>
internal sealed class SchemaNode
{
    public string Type { get; init; } = "";

    public string? Format { get; init; }

    public bool Nullable { get; init; }

    public bool IntOrString { get; init; }

    public bool PreserveUnknownFields { get; init; }

    /// <summary><c>x-kubernetes-embedded-resource</c>: apiVersion, kind and metadata are implied, as at the root.</summary>
    public bool EmbeddedResource { get; init; }

    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; init; }

    public SchemaNode? AdditionalProperties { get; init; }

    public SchemaNode? Items { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    public IReadOnlyList<JsonNode?>? Enum { get; init; }

    public Regex? Pattern { get; init; }

    public string? PatternSource { get; init; }

    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    public long? MinItems { get; init; }

    public long? MaxItems { get; init; }

    public long? MinProperties { get; init; }

    public long? MaxProperties { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public double? MultipleOf { get; init; }

    public JsonNode? Default { get; init; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic (default), set or map.</summary>
    public string? ListType { get; init; }

    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    /// <summary><c>x-kubernetes-map-type: atomic</c> objects do not correlate old and new values for transition rules.</summary>
    public bool AtomicMap { get; init; }

    public IReadOnlyList<CelRule> Rules { get; init; } = [];

    /// <summary>True when this node or any below it carries CEL rules (skips CEL walks of rule-free subtrees).</summary>
    public bool HasRulesBelow { get; init; }

    /// <summary>True when this node or any below it declares a default.</summary>
    public bool HasDefaultsBelow { get; init; }

    /// <summary>The schema for a property, from <c>properties</c> or else <c>additionalProperties</c>.</summary>
    public SchemaNode? ChildSchema(string key) =>
        Properties is not null && Properties.TryGetValue(key, out var p) ? p : AdditionalProperties;
}
