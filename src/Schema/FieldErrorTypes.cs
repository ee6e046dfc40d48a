namespace IrOperator.Schema;

/// <summary>The texts and cause reasons the real API server uses for each <see cref="FieldErrorType"/>.</summary>
public static class FieldErrorTypes
{
    /// <summary>The <c>causes[].reason</c> of a 422 Status, e.g. <c>FieldValueRequired</c>.</summary>
    public static string Reason(this FieldErrorType type) => type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The human text, e.g. "Required value".</summary>
    public static string Text(this FieldErrorType type) => type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
