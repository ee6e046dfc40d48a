namespace IrOperator.Controllers.Grants;

/// <summary>
/// The outcome of checking a grant against its role before anything touches AWS: valid (with the values the
/// grant then uses), invalid (the grant is Denied; <see cref="Message"/> names the field), or waiting (an
/// input is not known yet, such as the role's accounts before the role's first reconcile).
/// </summary>
public sealed record GrantValidation(
    GrantValidationOutcome Outcome,
    string Reason,
    string Message,
    string? SourceIdentity = null,
    IReadOnlyList<string>? Accounts = null,
    TimeSpan Duration = default)
{
    public bool IsValid => Outcome == GrantValidationOutcome.Valid;

    public static GrantValidation Invalid(string reason, string message) => new(GrantValidationOutcome.Invalid, reason, message);

    public static GrantValidation Waiting(string reason, string message) => new(GrantValidationOutcome.Waiting, reason, message);
}
