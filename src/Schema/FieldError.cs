namespace IrOperator.Schema;

/// <summary>
/// One field-level validation error, as k8s.io/apimachinery's <c>field.Error</c>: <see cref="ToString"/>
/// gives the server's text, e.g. <c>spec.incident: Required value</c> or
/// <c>spec.roleName: Invalid value: "bad name": spec.roleName in body should match '^[\w+=,.@-]{1,64}$'</c>.
/// </summary>
/// <param name="Field">The field path, e.g. <c>spec.accounts[0]</c>.</param>
/// <param name="Type">The kind of error.</param>
/// <param name="BadValue">
/// The offending value: a string, long, double, bool, null, or <see cref="OmittedValue"/> when the
/// server prints no value.
/// </param>
/// <param name="Detail">The detail after the value, may be empty.</param>
public sealed record FieldError(string Field, FieldErrorType Type, object? BadValue, string Detail)
{
    /// <summary>A bad value the message leaves out (Go's <c>field.OmitValueType</c>).</summary>
    public static readonly object OmittedValue = new();

    public static FieldError Required(string field, string detail = "") => new(field, FieldErrorType.Required, "", detail);

    public static FieldError Invalid(string field, object? value, string detail) => new(field, FieldErrorType.Invalid, value, detail);

    public static FieldError Forbidden(string field, string detail) => new(field, FieldErrorType.Forbidden, "", detail);

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoFormat.Quote).ToList();
        return new(field, FieldErrorType.NotSupported, value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    public static FieldError TooLong(string field, object? value, long maxLength) =>
        new(field, FieldErrorType.TooLong, value, maxLength >= 0 ? $"may not be longer than {maxLength}" : "value is too long");

    public static FieldError TooMany(string field, long actual, long max) =>
        new(field, FieldErrorType.TooMany, actual >= 0 ? actual : OmittedValue, max >= 0 ? $"must have at most {max} items" : "has too many items");

    /// <summary>The message without the field name, as in a Status cause.</summary>
    public string Body
    {
        get
        {
            var text = Type.Text();
            var body = Type is FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal
                       || ReferenceEquals(BadValue, OmittedValue)
                ? text
                : $"{text}: {GoFormat.Value(BadValue)}";
            return Detail.Length == 0 ? body : $"{body}: {Detail}";
        }
    }

    public override string ToString() => $"{Field}: {Body}";
}
