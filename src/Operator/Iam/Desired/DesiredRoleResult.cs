using System.Diagnostics.CodeAnalysis;
using IrOperator.Iam.Policies;

namespace IrOperator.Iam.Desired;

/// <summary>The desired role, or why the spec cannot become one (every error names its field, e.g. <c>spec.inlinePolicies.audit.Statement[0].Effect</c>).</summary>
public sealed record DesiredRoleResult(DesiredRole? Role, IReadOnlyList<PolicyError> Errors)
{
    [MemberNotNullWhen(true, nameof(Role))]
    public bool IsValid => Role is not null && Errors.Count == 0;

    /// <summary>All errors on one line each, for a condition message.</summary>
    public string Message => string.Join("; ", Errors);
}
