namespace IrOperator.Controllers.Grants;

/// <summary>A mapped source identity, or why <c>spec.requestedBy</c> cannot be one.</summary>
public sealed record SourceIdentityResult(string? Value, string? Error)
{
    public bool IsValid => Value is not null;

    public static SourceIdentityResult Valid(string value) => new(value, null);

    public static SourceIdentityResult Invalid(string error) => new(null, error);
}
