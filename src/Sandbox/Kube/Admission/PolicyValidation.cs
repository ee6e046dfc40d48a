namespace IrOperator.Sandbox.Kube.Admission;

/// <summary>One <c>spec.validations[i]</c>: the expression, message or messageExpression, and the Status reason (null: Invalid).</summary>
internal sealed record PolicyValidation(PolicyExpression Expression, string Message, PolicyExpression? MessageExpression, string? Reason);
