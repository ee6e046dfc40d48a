namespace IrOperator.Schema;

/// <summary>
/// A CRD schema that cannot be served: not structural, an invalid pattern, a CEL rule that does not
/// compile. <see cref="Errors"/> name the schema path (relative to <c>openAPIV3Schema</c>), so the
/// server can refuse the CRD with a 422 built by <see cref="FieldErrorStatus"/>.
/// </summary>
public sealed class SchemaException : Exception
{
    public SchemaException(IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public SchemaException()
        : this([])
    {
    }

    public SchemaException(string message)
        : base(message)
    {
        Errors = [];
    }

    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<FieldError> Errors { get; }
}
