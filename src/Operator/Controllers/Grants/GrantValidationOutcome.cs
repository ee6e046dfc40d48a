namespace IrOperator.Controllers.Grants;

/// <summary>Whether a grant may proceed, must be Denied, or waits for an input (see <see cref="GrantValidation"/>).</summary>
public enum GrantValidationOutcome
{
    Valid,
    Invalid,
    Waiting,
}
