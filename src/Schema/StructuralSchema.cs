using System.Text.Json.Nodes;
using IrOperator.Schema.Cel;

namespace IrOperator.Schema;

/// <summary>
/// A CRD version's <c>openAPIV3Schema</c>, compiled once (CEL rules included), applied to custom
/// resources in the order the API server does: <see cref="Prune"/>, <see cref="ApplyDefaults"/>, then
/// <see cref="Validate"/>. Thread-safe: one instance serves all requests for its CRD version.
/// </summary>
public sealed class StructuralSchema
{
    private const string NotCheckedMessage =
        "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

    private readonly SchemaNode _root;
    private readonly CelEngine _cel;

    private StructuralSchema(SchemaNode root, CelEngine cel)
    {
        _root = root;
        _cel = cel;
    }

    /// <summary>Compiles a schema; refuses it with <see cref="SchemaException"/> naming paths under <c>openAPIV3Schema</c>.</summary>
    public static StructuralSchema Parse(JsonNode openApiV3Schema) => Parse(openApiV3Schema, "openAPIV3Schema");

    /// <summary>Compiles a schema whose errors are reported under <paramref name="basePath"/>
    /// (e.g. <c>spec.versions[0].schema.openAPIV3Schema</c>).</summary>
    public static StructuralSchema Parse(JsonNode openApiV3Schema, string basePath)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var cel = new CelEngine();
        var parser = new SchemaParser(cel);
        var root = parser.Parse(openApiV3Schema, FieldPath.Root.Child(basePath));
        var errors = parser.Errors.ToList();
        if (root.Type != "object" && errors.Count == 0)
        {
            errors.Add(FieldError.Invalid($"{basePath}.type", root.Type, "must be object at the root"));
        }

        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        return new StructuralSchema(root, cel);
    }

    /// <summary>Fills defaults in place.</summary>
    public void ApplyDefaults(JsonNode obj) => SchemaDefaulter.Apply(_root, obj, isResourceRoot: true);

    /// <summary>Removes unknown fields in place and returns their paths (e.g. <c>spec.colour</c>), for
    /// fieldValidation Strict (refuse: <c>unknown field "spec.colour"</c>), Warn (warning header) or Ignore.</summary>
    public IReadOnlyList<string> Prune(JsonNode obj)
    {
        var pruned = new List<string>();
        SchemaPruner.Prune(_root, obj, FieldPath.Root, isResourceRoot: true, pruned);
        return pruned;
    }

    /// <summary>
    /// All errors, schema first, then CEL rules; CEL rules are skipped when the schema found a wrong type,
    /// an unsupported enum value, a missing required field or a too long/too many value, with the server's
    /// note saying so. Pass <paramref name="oldObj"/> on
    /// update so transition rules run.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonNode obj, JsonNode? oldObj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new SchemaValidator().ValidateResource(_root, obj).ToList();
        if (!_root.HasRulesBelow)
        {
            return errors;
        }

        // As the server's strategy.hasBlockingErr: these mean the object lacks the shape the rules assume.
        if (errors.Any(e => e.Type is FieldErrorType.TypeInvalid or FieldErrorType.NotSupported or FieldErrorType.Required or FieldErrorType.TooLong or FieldErrorType.TooMany))
        {
            errors.Add(FieldError.Invalid(FieldPath.Root.ToString(), null, NotCheckedMessage));
            return errors;
        }

        errors.AddRange(new CelValidator(_cel).Validate(_root, obj, oldObj));
        return errors;
    }
}
