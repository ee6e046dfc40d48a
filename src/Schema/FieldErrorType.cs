namespace IrOperator.Schema;

/// <summary>
/// The kinds of field error k8s.io/apimachinery/pkg/util/validation/field knows; each maps to a
/// Status cause reason (<see cref="FieldErrorTypes.Reason"/>) and a text (<see cref="FieldErrorTypes.Text"/>).
/// </summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,

    /// <summary>A value of the wrong JSON type: printed as "Invalid value", reported as FieldValueTypeInvalid.</summary>
    TypeInvalid,
}
